"""The pro-forma, emailed to the business client in its language, once."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from core.database import survives_database_restarts
from shop.emails import one_line, send_once
from trade.documents import proforma_pdf
from trade.models import Quote


@task()
@survives_database_restarts
def send_proforma(quote_id: int) -> None:
    quote = Quote.objects.select_related("account").get(pk=quote_id)
    with translation.override(quote.language):
        path = reverse("trade:quote", kwargs={"number": quote.number})
        context = {
            "quote": quote,
            "account": quote.account,
            "quote_url": settings.PUBLIC_URL.rstrip("/") + path,
        }
        subject = render_to_string("trade/emails/proforma_subject.txt", context)
        body = render_to_string("trade/emails/proforma.txt", context)
        pdf = proforma_pdf(quote)
    message = EmailMessage(
        subject=one_line(subject),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[quote.account.email],
        headers={"Content-Language": quote.language},
    )
    message.attach(f"{quote.number}.pdf", pdf, "application/pdf")
    send_once(f"proforma:{quote.pk}", message)
