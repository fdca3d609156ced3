"""Cart, checkout, orders and accounts. Views are thin: they parse, call one
service or selector, and render or redirect with a message."""

import secrets
from urllib.parse import urlsplit

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_POST

from shop.consumer_views import (
    checkout_consent,
    checkout_consent_forget,
    checkout_consent_keep,
    legal_urls,
    review_context,
    signup_privacy_version,
)
from shop.forms import (
    CheckoutForm,
    FindOrderForm,
    ReviewForm,
    SignupForm,
    normalise_order_number,
)
from shop.models import DeliveryMethod, Order, Variant
from shop.payments import available_providers, get_provider
from shop.places import (
    MAX_QUERY_LENGTH,
    PROVINCE_CODES,
    locality_search,
    place_name,
    province_region,
)
from shop.selectors import (
    LOW_STOCK,
    MAX_STOCK_SKUS,
    cart_item_count,
    cart_summary,
    stock_by_sku,
)
from shop.services.accounts import account_activate, signup_request
from shop.services.cart import (
    CartError,
    cart_add,
    cart_get,
    cart_merge,
    cart_set_quantity,
    parse_quantity,
)
from shop.services.checkout import (
    CheckoutDetails,
    CheckoutError,
    DiscountCodeError,
    checkout_quote,
    order_place,
)

CHECKOUT_SESSION_KEY = "checkout_details"
# Set when the review step finds a problem that belongs to one field of the
# details form (the discount code): the form shows it again, under that field.
CHECKOUT_RECHECK_KEY = "checkout_recheck"
SKU_LENGTH = Variant._meta.get_field("sku").max_length


def _back(request, default: str):
    target = request.POST.get("next") or request.META.get("HTTP_REFERER") or default
    # Only a path or an address of this site: redirect() would take a bare
    # word for a URL name to reverse, and fail (a 500) on "?next=abc".
    if not target.startswith(("/", "http")) or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = default
    return HttpResponseRedirect(target)


def cart_detail(request):
    summary = cart_summary(cart_get(request))
    return render(request, "shop/cart.html", {"summary": summary})


def _availability(units: int) -> dict:
    """What a product page says of a variant's stock, in the request's
    language (the same sentences as the page's own, without JavaScript)."""
    if units <= 0:
        return {"units": 0, "level": "out", "label": _("Out of stock")}
    if units <= LOW_STOCK:
        label = ngettext("Only %(stock)s left", "Only %(stock)s left", units) % {
            "stock": units
        }
        return {"units": units, "level": "low", "label": label}
    return {"units": units, "level": "in", "label": _("In stock")}


@never_cache
@require_GET
def cart_status(request):
    """What a shared, cached page cannot carry: this visitor's cart count,
    whether they are signed in, a CSRF token for the page's forms, and the
    stock of the SKUs the page shows (``?sku=A&sku=B``: cached pages carry
    no stock figure, so sales do not empty the cache). Fetched by
    static/js/visitor.js on every page."""
    skus = {
        sku.strip()
        for sku in request.GET.getlist("sku")[:MAX_STOCK_SKUS]
        if 0 < len(sku.strip()) <= SKU_LENGTH
    }
    status = {
        "count": cart_item_count(cart_get(request)),
        "signed_in": request.user.is_authenticated,
        "csrf_token": get_token(request),
    }
    if skus:
        status["stock"] = {
            sku: _availability(units) for sku, units in stock_by_sku(skus).items()
        }
    return JsonResponse(status)


@require_POST
def cart_add_view(request):
    cart_url = reverse("shop:cart")
    try:
        quantity = parse_quantity(request.POST.get("quantity", "1"))
        change = cart_add(
            cart=cart_get(request, create=True),
            sku=request.POST.get("sku", ""),
            quantity=quantity,
        )
    except CartError as error:
        messages.error(request, str(error))
        return _back(request, cart_url)
    (messages.warning if change.capped else messages.success)(request, change.message)
    return _back(request, cart_url)


@require_POST
def cart_update_view(request):
    cart = cart_get(request)
    try:
        if cart is None:
            raise CartError(_("This item is not in your cart."))
        quantity = (
            0
            if "remove" in request.POST
            else parse_quantity(request.POST.get("quantity"), allow_zero=True)
        )
        change = cart_set_quantity(
            cart=cart, sku=request.POST.get("sku", ""), quantity=quantity
        )
    except CartError as error:
        messages.error(request, str(error))
    else:
        (messages.warning if change.capped else messages.success)(
            request, change.message
        )
    return redirect("shop:cart")


def checkout(request):
    cart = cart_get(request)
    summary = cart_summary(cart)
    if summary.is_empty:
        messages.error(request, _("Your cart is empty."))
        return redirect("shop:cart")
    saved = request.session.get(CHECKOUT_SESSION_KEY)
    if request.method == "POST":
        form = CheckoutForm(request.POST)
        details = _checked_details(form, cart)
        if details is not None:
            request.session[CHECKOUT_SESSION_KEY] = details
            checkout_consent_keep(request)
            return redirect("shop:checkout_review")
    elif saved and request.session.pop(CHECKOUT_RECHECK_KEY, False):
        form = CheckoutForm(
            {
                **CheckoutForm.initial_from(saved),
                "privacy_consent": checkout_consent(request) is not None,
            }
        )
        _checked_details(form, cart)
    else:
        initial = CheckoutForm.initial_from(saved) if saved else {}
        if not saved and request.user.is_authenticated:
            initial["email"] = request.user.email
        initial.setdefault("country", "MA")
        initial.setdefault("payment_method", "cod")
        form = CheckoutForm(initial=initial)
    return render(
        request,
        "shop/checkout.html",
        {"form": form, "summary": summary, "legal_urls": legal_urls(request)},
    )


def _checked_details(form, cart) -> dict | None:
    """The form's details if they can be priced. Otherwise the problems are
    added to the form, the discount code's under its own field."""
    if not form.is_valid():
        return None
    details = form.details_dict()
    try:
        checkout_quote(cart=cart, details=CheckoutDetails(**details))
    except DiscountCodeError as error:
        for problem in error.problems:
            form.add_error("discount_code", problem)
    except CheckoutError as error:
        for problem in error.problems:
            form.add_error(None, problem)
    else:
        return details
    return None


def _recheck_details(request):
    """Back to the details form, which shows the problem under its field."""
    request.session[CHECKOUT_RECHECK_KEY] = True
    return redirect("shop:checkout")


@require_GET
@cache_control(public=True, max_age=86400)
def places_search(request):
    """Moroccan localities matching what the buyer typed in the checkout's
    town field (static/js/places.js), those of the chosen province's region
    first, named in the page's language. The same for everyone: no session,
    cacheable."""
    query = request.GET.get("q", "")
    province = request.GET.get("province", "")
    if (
        len(query) > MAX_QUERY_LENGTH
        or "\x00" in query
        or (province and province not in PROVINCE_CODES)
    ):
        return JsonResponse({"results": []}, status=400)
    language = get_language()
    comma = "، " if language == "ar" else ", "
    results = []
    for found in locality_search(
        query, language=language, region=province_region(province)
    ):
        places = [found.province, found.region] if found.province else [found.region]
        results.append(
            {
                "name": found.name,
                "province": found.province,
                "hint": comma.join(place_name(code, language) for code in places),
            }
        )
    return JsonResponse({"results": results})


CHECKOUT_TOKEN_KEY = "checkout_token"  # noqa: S105 - a session key name


def _receipt(order):
    next_url = get_provider(order.payment_method).next_url(order)
    if next_url:
        return redirect(next_url)
    return redirect(
        reverse("shop:order_detail", kwargs={"number": order.number})
        + f"?token={order.access_token}"
    )


def _placed_by_this_form(request) -> Order | None:
    """The order the posted review form already placed, if any."""
    posted = request.POST.get("checkout_token", "") if request.method == "POST" else ""
    if not posted or len(posted) > 64 or "\x00" in posted:
        return None
    return Order.objects.filter(checkout_token=posted).first()


def checkout_review(request):
    # The same form again (a double click, a phone re-sending it after the
    # order was placed) leads to the order it placed.
    placed = _placed_by_this_form(request)
    if placed is not None:
        return _receipt(placed)
    cart = cart_get(request)
    saved = request.session.get(CHECKOUT_SESSION_KEY)
    consent = checkout_consent(request)
    if cart is None or not saved or consent is None:
        # A twin of this request may have placed the order meanwhile.
        placed = _placed_by_this_form(request)
        return _receipt(placed) if placed else redirect("shop:checkout")
    try:
        details = CheckoutDetails(**saved)
        lines, priced = checkout_quote(cart=cart, details=details)
    except (CheckoutError, TypeError) as error:
        placed = _placed_by_this_form(request)
        if placed is not None:  # its twin emptied the cart placing it
            return _receipt(placed)
        if isinstance(error, DiscountCodeError):
            return _recheck_details(request)
        for problem in getattr(error, "problems", [_("Please check your details.")]):
            messages.error(request, problem)
        return redirect("shop:checkout")
    token = request.session.get(CHECKOUT_TOKEN_KEY)
    if not token:
        token = request.session[CHECKOUT_TOKEN_KEY] = secrets.token_urlsafe(32)
    form = ReviewForm(
        request.POST if request.method == "POST" else None,
        initial={"checkout_token": token},
    )
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["checkout_token"] != token:
            messages.error(
                request,
                _("This page had expired: please check your order and confirm again."),
            )
            return redirect("shop:checkout_review")
        try:
            order = order_place(
                cart=cart,
                details=details,
                language=get_language(),
                user=request.user,
                checkout_token=token,
                privacy_consent=consent,
            )
        except DiscountCodeError:
            return _recheck_details(request)
        except CheckoutError as error:
            for problem in error.problems:
                messages.error(request, problem)
            return redirect("shop:cart")
        request.session.pop(CHECKOUT_SESSION_KEY, None)
        request.session.pop(CHECKOUT_TOKEN_KEY, None)
        checkout_consent_forget(request)
        return _receipt(order)
    rows = [
        {"variant": variant, "quantity": quantity, "priced": priced_line}
        for (variant, quantity), priced_line in zip(lines, priced.lines, strict=True)
    ]
    delivery_method = DeliveryMethod.objects.filter(
        pk=details.delivery_method_id
    ).first()
    # The terms of sale, the latest delivery day and the withdrawal period
    # (shop.consumer_views), told before the order is concluded.
    legal = review_context(request, delivery_method)
    return render(
        request,
        "shop/checkout_review.html",
        {
            "form": form,
            "details": details,
            "rows": rows,
            "priced": priced,
            "delivery_method": delivery_method,
            "payment": next(
                (p for p in available_providers() if p.code == details.payment_method),
                None,
            ),
            "terms_url": legal["legal_urls"]["terms"],
            **legal,
        },
    )


def order_for_reader(request, number, *, staff: bool = True) -> Order:
    """The order `number` if the request may read it (its buyer signed in,
    the order's access token in `?token=`, or staff who may change orders
    unless `staff` is False: paying is the buyer's alone); 404 otherwise,
    so an order another buyer placed cannot even be told apart from none."""
    order = Order.objects.filter(number=number).first()
    token = request.GET.get("token", "")
    allowed = order is not None and (
        (request.user.is_authenticated and order.user_id == request.user.pk)
        or (token and secrets.compare_digest(token, order.access_token))
        or (staff and request.user.has_perm("shop.change_order"))
    )
    if not allowed:
        raise Http404
    return order


def order_detail(request, number, extra_context=None):
    """The buyer's page of an order; `extra_context` from a form of the page
    sent with errors (the withdrawal form, shop.consumer_views)."""
    order = order_for_reader(request, number)
    return render(
        request,
        "shop/order_detail.html",
        {
            "order": order,
            "lines": order.lines.all(),
            "vat_breakdown": order.vat_breakdown(),
            **(extra_context or {}),
        },
    )


# A guest may miss a few times; guessing is stopped long before a phone
# number could be found: (what is counted, misses allowed, over seconds).
FIND_ORDER_LIMITS = (("address", 10, 15 * 60), ("number", 5, 60 * 60))


def _find_order_keys(request) -> list[tuple[str, int, int]]:
    who = {
        "address": get_client_ip_address(request) or "unknown",
        "number": normalise_order_number(request.POST.get("number", "")[:30]),
    }
    return [
        (f"find-order:{name}:{who[name]}", allowed, seconds)
        for name, allowed, seconds in FIND_ORDER_LIMITS
        if who[name]
    ]


def _limited(keys) -> bool:
    try:
        return any((cache.get(key) or 0) >= allowed for key, allowed, _s in keys)
    except Exception:  # the cache down: the page answers, without a limit
        return False


def _count_miss(keys) -> None:
    try:
        for key, _allowed, seconds in keys:
            if not cache.add(key, 1, seconds):
                try:
                    cache.incr(key)
                except ValueError:  # expired in between
                    cache.set(key, 1, seconds)
    except Exception:  # the cache down: the page answers, without a limit
        return


def find_order(request):
    """A guest without the email's link finds an order with its number and
    the phone or the email given with it, and lands on the same page as the
    link. Misses are counted per visitor address and per order number; past
    the limit every attempt is refused, even a right one, so the refusal
    tells nothing."""
    form = FindOrderForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        keys = _find_order_keys(request)
        if _limited(keys):
            form = FindOrderForm()
            status = 429
        elif form.is_valid():
            order = form.order
            return redirect(
                reverse("shop:order_detail", kwargs={"number": order.number})
                + f"?token={order.access_token}"
            )
        elif form.has_error("__all__", "no_match"):
            _count_miss(keys)
    return render(
        request,
        "shop/find_order.html",
        {"form": form, "limited": status == 429},
        status=status,
    )


@login_required(login_url="shop:login")
def account(request):
    orders = Order.objects.filter(user=request.user).order_by("-placed_at")
    return render(request, "shop/account.html", {"orders": orders})


class LoginView(auth_views.LoginView):
    """Sign-in; the guest's cart joins the customer's cart."""

    template_name = "shop/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        guest_cart = cart_get(self.request)
        response = super().form_valid(form)
        cart_merge(guest_cart=guest_cart, user=form.get_user())
        return response

    def get_default_redirect_url(self):
        return reverse("shop:account")


def signup(request):
    """Sign-up answers the same whether or not the address has an account:
    the address gets the email that fits (shop.services.accounts)."""
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        password = form.cleaned_data["password"]
        try:
            validate_password(password, get_user_model()(username=email, email=email))
        except ValidationError as error:
            form.add_error("password", error)
        else:
            signup_request(
                email=email,
                password=password,
                language=get_language(),
                privacy_version=signup_privacy_version(request),
            )
            request.session[SIGNUP_SENT_TO] = email
            return redirect("shop:signup_sent")
    return render(
        request,
        "shop/signup.html",
        {"form": form, "legal_urls": legal_urls(request)},
    )


SIGNUP_SENT_TO = "signup_sent_to"


def signup_sent(request):
    return render(
        request, "shop/signup_sent.html", {"email": request.session.get(SIGNUP_SENT_TO)}
    )


def activate(request, uidb64, token):
    """The link of the sign-up email: activates the account once, signs the
    visitor in and keeps the cart of this browser."""
    user = account_activate(uidb64=uidb64, token=token)
    if user is None:
        return render(request, "shop/activation_invalid.html", status=400)
    guest_cart = cart_get(request)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    cart_merge(guest_cart=guest_cart, user=user)
    messages.success(request, _("Welcome! Your account is ready."))
    return redirect("shop:account")


class PublicLinksPasswordResetView(auth_views.PasswordResetView):
    """The reset link starts with the site's public address (PUBLIC_URL),
    not with whatever host the request named."""

    @property
    def extra_email_context(self):
        parts = urlsplit(settings.PUBLIC_URL)
        return {"protocol": parts.scheme, "domain": parts.netloc}


class PasswordResetView(PublicLinksPasswordResetView):
    template_name = "shop/password_reset.html"
    email_template_name = "shop/emails/password_reset.txt"
    subject_template_name = "shop/emails/password_reset_subject.txt"
    success_url = reverse_lazy("shop:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "shop/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "shop/password_reset_confirm.html"
    success_url = reverse_lazy("shop:login")

    def form_valid(self, form):
        messages.success(self.request, _("Your new password is saved. Sign in."))
        return super().form_valid(form)
