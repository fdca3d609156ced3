"""Payment providers behind one interface; see base.PaymentProvider."""

from shop.payments.base import PaymentProvider, available_providers, get_provider

__all__ = ["PaymentProvider", "available_providers", "get_provider"]
