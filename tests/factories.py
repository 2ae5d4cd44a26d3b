import datetime

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from kooperacja.accounts.models import Membership, User
from kooperacja.directory.models import Institution
from kooperacja.territory.models import Unit, search_key

PASSWORD = "Haslo-testowe-2026!"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{n:06d}")
    level = "gmina"
    kind = "wiejska"
    name = factory.Sequence(lambda n: f"Gmina {n}")
    name_key = factory.LazyAttribute(lambda o: search_key(o.name))
    register_date = datetime.date(2024, 1, 1)


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"Instytucja {n}")
    kind = "ops"
    unit = factory.SubFactory(UnitFactory)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Created past the service functions: give it the search document they would (directory/search.py).
        from kooperacja.directory.search import search_text_update

        institution = super()._create(model_class, *args, **kwargs)
        search_text_update(institution)
        return institution


class UserFactory(factory.django.DjangoModelFactory):
    """A user with the test password and a confirmed authenticator app."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"osoba{n}@test.example")
    first_name = "Jan"
    last_name = "Testowy"

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def with_totp(self, create, extracted, **kwargs):
        if create and extracted is not False:
            TOTPDevice.objects.create(user=self, name="authenticator", confirmed=True)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    institution = factory.SubFactory(InstitutionFactory)
    role = "case_worker"
