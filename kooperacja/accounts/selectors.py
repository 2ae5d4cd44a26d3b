from django.db.models import Prefetch, Q, QuerySet

from kooperacja.accounts.models import Membership, User


def user_search(*, query: str = "") -> QuerySet[User]:
    users = User.objects.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.filter(is_active=True).select_related("institution"),
            to_attr="active_memberships",
        )
    ).order_by("last_name", "first_name", "email")
    for word in query.split():
        users = users.filter(Q(email__icontains=word) | Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return users
