from shop.models.cart import Cart, CartLine
from shop.models.catalog import Product, Variant, VatRate
from shop.models.consumer import (
    LegalPages,
    PrivacyConsent,
    WithdrawalLine,
    WithdrawalReason,
    WithdrawalRequest,
    WithdrawalStatus,
)
from shop.models.delivery import DeliveryMethod
from shop.models.discounts import DiscountCode
from shop.models.emails import SentEmail
from shop.models.invoices import Invoice, InvoiceCounter, InvoiceKind, InvoicePdf
from shop.models.ledger import (
    EntryKind,
    LedgerEntry,
    PooledCost,
    Statement,
    StatementStatus,
)
from shop.models.lots import (
    Consignment,
    ConsignmentLine,
    Inspection,
    Lot,
    LotStatus,
    OrderLineLot,
    WriteOff,
)
from shop.models.orders import Order, OrderEvent, OrderLine
from shop.models.payments import (
    Payment,
    PaymentStatus,
    ProviderEvent,
    Refund,
    RefundBooking,
    RefundLine,
)
from shop.models.purchasing import (
    BulkOrder,
    PriceTier,
    PurchaseItem,
    PurchaseOrder,
    PurchaseReceipt,
    PurchaseUnit,
    PurchasingRound,
    RoundStatus,
)
from shop.models.quality import (
    CriterionResult,
    InspectionPlan,
    InspectionPlanEntry,
    RoutineCalendar,
    SpecBook,
    SpecCriterion,
)
from shop.models.sessions import SalesSession, SalesSessionLine, SessionChannel
from shop.models.summaries import SalesSummary
from shop.models.transfers import BankTransfer

__all__ = [
    "LegalPages",
    "PrivacyConsent",
    "WithdrawalLine",
    "WithdrawalReason",
    "WithdrawalRequest",
    "WithdrawalStatus",
    "CriterionResult",
    "InspectionPlan",
    "InspectionPlanEntry",
    "RoutineCalendar",
    "SpecBook",
    "SpecCriterion",
    "BulkOrder",
    "PriceTier",
    "PurchaseItem",
    "PurchaseOrder",
    "PurchaseReceipt",
    "PurchaseUnit",
    "PurchasingRound",
    "RoundStatus",
    "BankTransfer",
    "Invoice",
    "InvoiceCounter",
    "InvoiceKind",
    "InvoicePdf",
    "SalesSession",
    "SalesSummary",
    "SalesSessionLine",
    "SessionChannel",
    "EntryKind",
    "LedgerEntry",
    "PooledCost",
    "Statement",
    "StatementStatus",
    "Consignment",
    "ConsignmentLine",
    "Inspection",
    "Lot",
    "LotStatus",
    "OrderLineLot",
    "WriteOff",
    "Cart",
    "CartLine",
    "DeliveryMethod",
    "DiscountCode",
    "SentEmail",
    "Order",
    "OrderEvent",
    "OrderLine",
    "Payment",
    "PaymentStatus",
    "ProviderEvent",
    "Refund",
    "RefundBooking",
    "RefundLine",
    "Product",
    "Variant",
    "VatRate",
]
