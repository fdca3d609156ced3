"""The one StreamField vocabulary every page body shares."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("Heading")
        template = "cms/blocks/heading.html"
        preview_value = "Notre histoire"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "link", "ol", "ul"])
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "cms/blocks/paragraph.html"
        preview_value = "<p>Les abeilles transhument avec les saisons.</p>"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "cms/blocks/image.html"


class MemberQuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    author = blocks.CharBlock(label=_("Member"))
    role = blocks.CharBlock(label=_("Role"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Member quote")
        template = "cms/blocks/quote.html"
        preview_value = {
            "text": "Le miel de thym, c'est notre montagne en pot.",
            "author": "Fatima",
            "role": "apicultrice",
        }


class KeyFactBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"))
    value = blocks.CharBlock(label=_("Value"))

    class Meta:
        icon = "info-circle"


class KeyFactsBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(KeyFactBlock(), **kwargs)

    class Meta:
        icon = "list-ul"
        label = _("Key facts")
        template = "cms/blocks/key_facts.html"
        preview_value = [
            {"label": "Ruches", "value": "240"},
            {"label": "Altitude", "value": "1 800 m"},
        ]


class VideoBlock(EmbedBlock):
    class Meta:
        icon = "media"
        label = _("Embedded video")
        template = "cms/blocks/video.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    quote = MemberQuoteBlock()
    key_facts = KeyFactsBlock()
    video = VideoBlock()
