from django.contrib import admin

from learningcity.core.admin import ReadOnlyAdmin
from learningcity.festivals.models import Festival, FestivalEvent, HostSignUp

# Festivals change only through their pages and services (the review sends messages and
# publishes opportunities); the back office reads them.
admin.site.register(Festival, ReadOnlyAdmin)
admin.site.register(FestivalEvent, ReadOnlyAdmin)
admin.site.register(HostSignUp, ReadOnlyAdmin)
