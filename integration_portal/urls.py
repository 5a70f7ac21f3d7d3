"""Root URLs. German paths; English under /en/ (German has no prefix)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.i18n import set_language

from actors.views import FinderView
from core import ids  # noqa: F401 - registers the <id:…> converter
from integration_portal import accounts_admin, inbox, views, wellknown, workspace
from integration_portal.sitemaps import sitemaps

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("healthz/ceiling", views.ceiling, name="ceiling"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": sitemaps()}, name="sitemap"),
    path("robots.txt", wellknown.robots_txt, name="robots_txt"),
    path("favicon.ico", wellknown.favicon, name="favicon"),
    path(".well-known/security.txt", wellknown.security_txt, name="security_txt"),
    # The open data's API (HSDS 3.0, OpenAPI, documentation): no language prefix.
    path("api/", include("opendata.urls")),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    # The pages asked for most (the public history, the directory, the finder, the
    # networks) first: Django tries the patterns in order, some 1.5 µs each.
    path("geschichte/", include("timeline.urls")),
    path("akteure/", include("actors.urls")),
    path("zustaendig/", FinderView.as_view(), name="finder"),
    path("netzwerke/", include("networks.urls")),
    path("impressum/", views.ImprintView.as_view(), name="imprint"),
    path("datenschutz/", views.PrivacyView.as_view(), name="privacy"),
    path("datenschutz/intern/", views.PrivacyRegisterView.as_view(), name="privacy_register"),
    path("barrierefreiheit/", views.AccessibilityView.as_view(), name="accessibility"),
    path("barrierefreiheit/danke/", views.accessibility_receipt, name="accessibility_receipt"),
    path("mein-bereich/", workspace.WorkspaceView.as_view(), name="workspace"),
    path(
        "mein-bereich/suchen/speichern/",
        workspace.SavedSearchCreateView.as_view(),
        name="workspace_search_save",
    ),
    path(
        "mein-bereich/suchen/<id:pk>/loeschen/",
        workspace.SavedSearchDeleteView.as_view(),
        name="workspace_search_delete",
    ),
    path("mein-bereich/rueckmeldungen/", inbox.FeedbackListView.as_view(), name="inbox"),
    path(
        "mein-bereich/rueckmeldungen/<str:reference>/",
        inbox.FeedbackDetailView.as_view(),
        name="inbox_detail",
    ),
    path("mein-bereich/konten/", accounts_admin.AccountListView.as_view(), name="accounts_admin"),
    path(
        "mein-bereich/konten/einladen/",
        accounts_admin.AccountInviteView.as_view(),
        name="accounts_admin_invite",
    ),
    path(
        "mein-bereich/konten/<id:account_id>/",
        accounts_admin.AccountDetailView.as_view(),
        name="accounts_admin_detail",
    ),
    path(
        "mein-bereich/konten/<id:account_id>/aktiv/",
        accounts_admin.AccountActiveView.as_view(),
        name="accounts_admin_active",
    ),
    path(
        "mein-bereich/konten/<id:account_id>/einladung/",
        accounts_admin.AccountInvitationResendView.as_view(),
        name="accounts_admin_resend",
    ),
    path("konto/", include("allauth.urls")),
    path("kommunen/", include("actors.municipality_urls")),
    path("redaktion/", include("timeline.editorial_urls")),
    path("daten/", include("opendata.site_urls")),
    path("", include("stewardship.urls")),
    path("verwaltung/", admin.site.urls),
    prefix_default_language=False,
)

handler404 = "integration_portal.views.error_404"
handler403 = "integration_portal.views.error_403"
handler500 = "integration_portal.views.error_500"

admin.site.site_header = settings.PORTAL_NAME
admin.site.site_title = settings.PORTAL_NAME
