"""Django admin sign-in for staff (SuperAdmin users).

The admin runs outside any API access scope, so users are read with the explicit ``unscoped()``
escape hatch here.
"""

from django.contrib.auth.backends import ModelBackend

from apps.accounts.models import User


class StaffModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        email = (username or kwargs.get("email") or "").strip().lower()
        if not email or password is None:
            return None
        user = User.objects.unscoped().filter(email=email).first()
        if user is None or not user.check_password(password) or not user.is_staff:
            return None
        return user

    def get_user(self, user_id):
        user = User.objects.unscoped().filter(pk=user_id).first()
        return user if user is not None and user.is_active else None
