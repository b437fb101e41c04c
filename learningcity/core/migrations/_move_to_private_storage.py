"""A step of four apps' 2026-11 migrations, frozen here so that they do not depend on app
code that may change: move the files of a field kept so far in public media to private
storage, under the same names, for the records that have one. (Django's migration loader
skips modules whose names begin with an underscore.)"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage, storages


def _private_storage():
    # What learningcity.core.files.private_storage was when these migrations were written.
    if "private" in settings.STORAGES:
        return storages["private"]
    return FileSystemStorage(location=str(settings.PRIVATE_FILES_ROOT))


def move_to_private_storage(model_label, field):
    def move(apps, schema_editor):
        model = apps.get_model(model_label)
        target = _private_storage()
        for name in model.objects.exclude(**{field: ""}).values_list(field, flat=True).iterator():
            if not name or not default_storage.exists(name) or target.exists(name):
                continue
            with default_storage.open(name, "rb") as source:
                target.save(name, source)
            default_storage.delete(name)

    return move
