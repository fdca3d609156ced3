from django.contrib.auth import views as auth_views
from django.urls import path

from shop import consumer_views, invoice_views, payment_views, views

app_name = "shop"

urlpatterns = [
    path("cart/", views.cart_detail, name="cart"),
    path("cart/status/", views.cart_status, name="cart_status"),
    path("cart/add/", views.cart_add_view, name="cart_add"),
    path("cart/update/", views.cart_update_view, name="cart_update"),
    path("checkout/", views.checkout, name="checkout"),
    path("checkout/review/", views.checkout_review, name="checkout_review"),
    path("checkout/places/", views.places_search, name="places"),
    # Before the order's own page, which would take "find" for a number.
    path("orders/find/", views.find_order, name="find_order"),
    path("orders/<str:number>/", views.order_detail, name="order_detail"),
    path("orders/<str:number>/pay/", payment_views.order_pay, name="order_pay"),
    path(
        "orders/<str:number>/withdrawal/",
        consumer_views.order_withdrawal,
        name="order_withdrawal",
    ),
    path(
        "orders/<str:number>/invoices/<str:invoice_number>/",
        invoice_views.invoice_pdf,
        name="invoice_pdf",
    ),
    path(
        "orders/<str:number>/payment-return/",
        payment_views.order_payment_return,
        name="order_payment_return",
    ),
    # Cards through the CMI's hosted page: the page that sends the buyer
    # there, the page the gateway sends them back to (okUrl and failUrl),
    # and cash on delivery instead.
    path("orders/<str:number>/card/", payment_views.cmi_pay, name="cmi_pay"),
    path(
        "orders/<str:number>/card/return/",
        payment_views.cmi_return,
        name="cmi_return",
    ),
    path(
        "orders/<str:number>/card/cash/",
        payment_views.cmi_pay_cash,
        name="cmi_pay_cash",
    ),
    path("account/", views.account, name="account"),
    path("account/login/", views.LoginView.as_view(), name="login"),
    path("account/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/signup/", views.signup, name="signup"),
    path("account/signup/sent/", views.signup_sent, name="signup_sent"),
    path("account/activate/<uidb64>/<token>/", views.activate, name="activate"),
    path(
        "account/password-reset/",
        views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "account/password-reset/sent/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "account/password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
]
