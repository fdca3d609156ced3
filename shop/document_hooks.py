"""Private documents behind Wagtail's document serving (imported by
shop.wagtail_hooks).

Wagtail serves every document at /documents/<id>/<file name>, to anyone,
unless its collection is restricted; ids count up, and an editor attaching a
lab report or a signed agreement in a form's document chooser picks
whatever collection comes first (the public root). So the rule is held here,
whatever the collection: a document attached to one of the fields below is
served only to the foundation's staff (who may open the admin) and to the
members of the cooperative whose record it is attached to (its lab results,
inspection reports, agreement, certificates); anyone else gets the 404 of a
document that does not exist. Buyers read a lot's public page.
"""

from django.http import Http404
from wagtail import hooks

from cooperatives.models import Certification, PartnershipAgreement
from shop.models import CriterionResult, Inspection, Lot

# Every field pointing at a document outside the CMS pages: all of them
# private. tests/test_no_crossing.py fails when a model gains one that is
# not listed here.
PRIVATE_DOCUMENT_FIELDS = (
    (Lot, "lab_results", "cooperative_id"),
    (Inspection, "report", "cooperative_id"),
    (CriterionResult, "evidence", "inspection__cooperative_id"),
    (PartnershipAgreement, "document", "cooperative_id"),
    (Certification, "document", "cooperative_id"),
)


def owners(document) -> set[int] | None:
    """The cooperatives whose records `document` is attached to, or None
    when it is attached to no private record (one query per field)."""
    found = None
    for model, name, cooperative in PRIVATE_DOCUMENT_FIELDS:
        records = model._default_manager.filter(**{f"{name}_id": document.pk})
        ids = list(records.values_list(cooperative, flat=True))
        if ids:
            found = (found or set()) | set(ids)
    return found


def is_private(document) -> bool:
    return owners(document) is not None


def may_read(user, cooperative_ids: set[int] | None = None) -> bool:
    """The foundation's staff (whoever may open the admin, where these
    documents are attached), or a member of one of `cooperative_ids`."""
    if not user.is_authenticated:
        return False
    if user.has_perm("wagtailadmin.access_admin"):
        return True
    return (
        bool(cooperative_ids)
        and user.cooperative_memberships.filter(
            cooperative_id__in=cooperative_ids
        ).exists()
    )


@hooks.register("before_serve_document")
def refuse_private_documents(document, request):
    cooperative_ids = owners(document)
    if cooperative_ids is not None and not may_read(request.user, cooperative_ids):
        raise Http404
