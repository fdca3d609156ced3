from django.contrib.auth import views as auth_views
from django.urls import path

from portal import coverage_views, purchasing_views, quality_views, views

app_name = "portal"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("sales/", views.sales, name="sales"),
    path("stock/", views.stock, name="stock"),
    path("statements/", views.statements, name="statements"),
    path("statements/<int:pk>/", views.statement_detail, name="statement"),
    path("statements/<int:pk>/csv/", views.statement_csv, name="statement_csv"),
    path("statements/<int:pk>/xlsx/", views.statement_xlsx, name="statement_xlsx"),
    path("statements/<int:pk>/pdf/", views.statement_pdf, name="statement_pdf"),
    path("purchasing/", purchasing_views.purchasing, name="purchasing"),
    path(
        "purchasing/<int:pk>/",
        purchasing_views.purchasing_round,
        name="purchasing_round",
    ),
    path("members/", coverage_views.members, name="members"),
    path("members/<int:pk>/", coverage_views.member, name="member"),
    path("members/coverage/", coverage_views.coverage, name="members_coverage"),
    path("quality/", quality_views.inspections, name="inspections"),
    path("quality/<int:pk>/", quality_views.inspection_detail, name="inspection"),
    path("quality/<int:pk>/pdf/", quality_views.inspection_pdf, name="inspection_pdf"),
    path("login/", views.LoginView.as_view(), name="login"),
    path(
        "logout/",
        auth_views.LogoutView.as_view(next_page="portal:login"),
        name="logout",
    ),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
]
