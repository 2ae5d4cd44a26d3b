"""The signed-in user and the second-factor device that verified them, loaded in one query.

django-otp's middleware loads the device on every request after Django has loaded the user: two queries on every
page. Here the device is read joined to its user, and the user taken from it once the checks Django's
``auth.get_user`` makes have passed (the session names this user and a backend still configured, the account is
active, the session's password hash matches). Anything unusual — no device in the session, a device of another
user or no longer confirmed, a password changed since — takes django-otp's own path, unchanged.
"""

import functools

from django.apps import apps
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model, load_backend
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware as DjangoOTPMiddleware


class OTPMiddleware(DjangoOTPMiddleware):
    """Replaces ``django_otp.middleware.OTPMiddleware`` (same place in MIDDLEWARE, same ``request.user``)."""

    def _install_lazy_accessors(self, request):
        user = getattr(request, "user", None)
        super()._install_lazy_accessors(request)
        if user is not None:
            request.user = SimpleLazyObject(functools.partial(self._load_verified_user, request, user))

    def _load_verified_user(self, request, lazy_user):
        found = self._user_with_device(request)
        if found is None:
            return self._verify_user_sync(request, lazy_user)
        user, device = found
        self._init_user_fields(user)
        user.otp_device = device
        return user

    def _user_with_device(self, request):
        session = request.session
        try:
            user_id = get_user_model()._meta.pk.to_python(session[SESSION_KEY])
            backend_path = session[BACKEND_SESSION_KEY]
            persistent_id = session[DEVICE_ID_SESSION_KEY]
        except (KeyError, ValidationError):
            return None
        if backend_path not in settings.AUTHENTICATION_BACKENDS:
            return None
        backend = load_backend(backend_path)
        if not isinstance(backend, ModelBackend) or type(backend).get_user is not ModelBackend.get_user:
            return None
        try:
            model_label, device_id = self._normalize_persistent_id(persistent_id).rsplit("/", 1)
            device_model = apps.get_model(model_label)
            device = (
                device_model.objects.select_related("user")
                .filter(pk=device_id, user_id=user_id, confirmed=True)
                .first()
            )
        except (ValueError, LookupError, ValidationError):
            return None
        if device is None:
            return None
        user = device.user
        if not backend.user_can_authenticate(user):
            return None
        session_hash = session.get(HASH_SESSION_KEY)
        if not session_hash or not constant_time_compare(session_hash, user.get_session_auth_hash()):
            return None
        return user, device
