from django.urls import path

from kooperacja.regional.library import views

urlpatterns = [
    path("narzedzia/", views.tools, name="tools"),
    path("narzedzia/nowe/", views.tool_create, name="tool_create"),
    path("narzedzia/<int:tool_id>/", views.tool_detail, name="tool"),
    path("narzedzia/<int:tool_id>/edycja/", views.tool_edit, name="tool_edit"),
    path("narzedzia/<int:tool_id>/wersje/nowa/", views.tool_version_add, name="tool_version_add"),
    path("narzedzia/<int:tool_id>/publikacja/", views.tool_publish, name="tool_publish"),
    path("narzedzia/<int:tool_id>/wycofanie/", views.tool_withdraw, name="tool_withdraw"),
    path("narzedzia/<int:tool_id>/plik/", views.tool_file, name="tool_file"),
    path("narzedzia/<int:tool_id>/wersje/<int:number>/plik/", views.tool_file, name="tool_version_file"),
    path("wsparcie/", views.support, name="support"),
    path("wsparcie/<int:request_id>/", views.support_detail, name="support_detail"),
    path("wsparcie/<int:request_id>/plan/", views.support_plan, name="support_plan"),
    path("wsparcie/<int:request_id>/realizacja/", views.support_record, name="support_record"),
    path("wsparcie/<int:request_id>/odmowa/", views.support_decline, name="support_decline"),
    path("rekomendacje/", views.recommendations, name="recommendations"),
    path("rekomendacje/<int:recommendation_id>/decyzja/", views.recommendation_decide, name="recommendation_decide"),
    path("rekomendacje/raport/", views.recommendations_report, name="recommendations_report"),
    path("rekomendacje/raport.pdf", views.recommendations_report_pdf, name="recommendations_report_pdf"),
    path("kooperacja/<int:cooperation_id>/wsparcie/nowe/", views.support_request_new, name="support_request_new"),
    path("kooperacja/<int:cooperation_id>/rekomendacje/nowa/", views.recommendation_new, name="recommendation_new"),
    path("kooperacja/<int:cooperation_id>/dobre-praktyki/nowa/", views.good_practice_new, name="good_practice_new"),
]
