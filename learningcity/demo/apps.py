from django.apps import AppConfig


class DemoConfig(AppConfig):
    # The demo data set, one module per area; only `learningcity load_demo` touches it.
    name = "learningcity.demo"
    label = "demo"
    verbose_name = "Demo data"
