from django.urls import path

from trade import views

app_name = "trade"

urlpatterns = [
    path("", views.home, name="home"),
    path("apply/", views.apply, name="apply"),
    path("apply/sent/", views.apply_sent, name="apply_sent"),
    path("order/", views.quick_order, name="quick_order"),
    path("prices/", views.prices, name="prices"),
    path("quotes/<str:number>/", views.quote_detail, name="quote"),
    path("quotes/<str:number>/proforma.pdf", views.quote_pdf, name="quote_pdf"),
    path("quotes/<str:number>/accept/", views.quote_accept_view, name="quote_accept"),
]
