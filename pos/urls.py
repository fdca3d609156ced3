from django.urls import path

from pos import views

app_name = "pos"

urlpatterns = [
    path("", views.pos_app, name="app"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("api/csrf/", views.api_csrf, name="api_csrf"),
    path("api/sessions/", views.api_sessions, name="api_sessions"),
    path("api/sessions/<int:session_id>/", views.api_session, name="api_session"),
    path("api/sessions/<int:session_id>/sync/", views.api_sync, name="api_sync"),
    path("sessions/", views.sessions, name="sessions"),
    path("sessions/<int:session_id>/stock/", views.session_stock, name="stock"),
    path("sessions/<int:session_id>/close/", views.session_close, name="close"),
    path(
        "shortfalls/<uuid:sale_id>/resolve/",
        views.shortfall_resolve,
        name="resolve",
    ),
]
