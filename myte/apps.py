"""App configs for the MongoDB lane.

On MongoDB every migrated model needs an ObjectId primary key unless it declares its own, so the
contrib apps and django-guardian get configs whose ``default_auto_field`` is the backend's
ObjectIdAutoField, with their migrations in ``mongo_migrations/``. Our own apps declare UUID keys
on every model and set no ``default_auto_field``.
"""

from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.contrib.auth.apps import AuthConfig
from django.contrib.contenttypes.apps import ContentTypesConfig
from django_rq.apps import DjangoRqAdminConfig
from guardian.apps import GuardianConfig

MONGO_AUTO_FIELD = "django_mongodb_backend.fields.ObjectIdAutoField"


class MongoAdminConfig(AdminConfig):
    default_auto_field = MONGO_AUTO_FIELD


class MongoAuthConfig(AuthConfig):
    default_auto_field = MONGO_AUTO_FIELD


class MongoContentTypesConfig(ContentTypesConfig):
    default_auto_field = MONGO_AUTO_FIELD


class MongoGuardianConfig(GuardianConfig):
    default_auto_field = MONGO_AUTO_FIELD


class MongoDjangoRqConfig(DjangoRqAdminConfig):
    default_auto_field = MONGO_AUTO_FIELD


class ProjectConfig(AppConfig):
    """The project package as an app: its management commands (``scheduler_run``) over every domain."""

    name = "myte"
    label = "myte"
    verbose_name = "Myte Estates project"
