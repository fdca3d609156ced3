from shop.selectors import cart_item_count
from shop.services.cart import cart_get


def cart(request):
    """The number of items in the visitor's cart, for the header."""
    return {"cart_count": cart_item_count(cart_get(request))}
