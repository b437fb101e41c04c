"""drf-spectacular extension: describes the bearer-token authentication in the schema."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "learningcity.exchange.api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):  # the extension's signature
        return {"type": "http", "scheme": "bearer", "bearerFormat": "lc_<prefix>_<secret>"}
