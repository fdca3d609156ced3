"""Pooled purchasing in the portal: a cooperative sees the rounds open for
orders and orders its quantities (changeable until the closing date), and
sees the rounds it took part in, with what it received, the price the round
reached and what buying together saved it. Only its own lines: a closed
round it had no part in answers 404, as does another cooperative's portal."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from cooperatives.models import CooperativeMembership
from portal.views import _context, portal_cooperative
from shop import purchasing_selectors as selectors
from shop.services.purchasing import MAX_QUANTITY, PurchasingError, round_order


class RoundOrderForm(forms.Form):
    """One quantity per item of the round, each field named after its item."""

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            self.fields[f"item-{line.item.pk}"] = forms.IntegerField(
                label=gettext("Quantity of %(item)s (%(unit)s)")
                % {"item": line.item.name, "unit": line.item.get_unit_display()},
                min_value=0,
                max_value=MAX_QUANTITY,
                initial=line.ordered,
                # Blank means none: a member ordering one item leaves the
                # others as they are shown.
                required=False,
                widget=forms.NumberInput(
                    attrs={"inputmode": "numeric", "step": 1, "class": "qty-input"}
                ),
            )

    def quantities(self) -> dict[int, int]:
        return {
            line.item.pk: self.cleaned_data.get(f"item-{line.item.pk}") or 0
            for line in self.lines
        }

    def bound_lines(self):
        """Each item beside its field, for the template."""
        return [(line, self[f"item-{line.item.pk}"]) for line in self.lines]

    def full_clean(self):
        super().full_clean()
        # Tie each message to its field for screen readers.
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"id_{name}_error"


def _is_member(user, cooperative) -> bool:
    return CooperativeMembership.objects.filter(
        user=user, cooperative=cooperative
    ).exists()


@login_required(login_url="portal:login")
def purchasing(request):
    cooperative = portal_cooperative(request)
    current = [
        selectors.round_view(purchasing_round, cooperative)
        for purchasing_round in selectors.current_rounds()
    ]
    past = [
        selectors.round_view(purchasing_round, cooperative)
        for purchasing_round in selectors.past_rounds(cooperative)[:50]
    ]
    return render(
        request,
        "portal/purchasing.html",
        _context(request, cooperative, current=current, past=past),
    )


@login_required(login_url="portal:login")
def purchasing_round(request, pk):
    cooperative = portal_cooperative(request)
    found = selectors.round_for(cooperative, pk)
    if found is None:
        raise Http404
    view = selectors.round_view(found, cooperative)
    can_order = _is_member(request.user, cooperative)
    form = RoundOrderForm(lines=view.lines)
    refused = ""
    if request.method == "POST":
        # Staff reading a cooperative's portal read it; members order.
        if not can_order:
            raise PermissionDenied
        form = RoundOrderForm(request.POST, lines=view.lines)
        if form.is_valid():
            try:
                round_order(
                    round_id=found.pk,
                    cooperative_id=cooperative.pk,
                    quantities=form.quantities(),
                    user=request.user,
                )
            except PurchasingError as error:
                if error.field and error.field in form.fields:
                    form.add_error(error.field, error.message)
                else:
                    refused = error.message
            else:
                messages.success(request, gettext("Your order is saved."))
                url = reverse("portal:purchasing_round", args=(found.pk,))
                return redirect(f"{url}?c={cooperative.slug}")
        # What the round looks like now (it may have closed meanwhile).
        view = selectors.round_view(found, cooperative)
    return render(
        request,
        "portal/purchasing_round.html",
        _context(
            request,
            cooperative,
            view=view,
            form=form,
            refused=refused,
            can_order=can_order and view.taking_orders,
        ),
    )
