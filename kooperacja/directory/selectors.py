from django.db.models import QuerySet

from kooperacja.directory.models import Institution


def institution_search(*, query: str = "") -> QuerySet[Institution]:
    institutions = Institution.objects.select_related("unit__parent__parent").order_by("name")
    for word in query.split():
        institutions = institutions.filter(name__icontains=word)
    return institutions
