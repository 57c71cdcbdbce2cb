"""Template tags used by the base template."""

from django import template
from django.utils.html import json_script
from django.utils.safestring import mark_safe

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        # Stored at the root of the context so the rest of the page can use it.
        # The content was escaped as it was rendered; str.strip() would drop the
        # SafeString mark and the value would be escaped a second time.
        context.dicts[0][self.name] = mark_safe(self.nodelist.render(context).strip())
        return ""


@register.tag
def capture(parser, token):
    """{% capture name %}...{% endcapture %} renders its content once into `name`.

    The base template wraps its title and description blocks in it, so a page
    fills each block once and the value appears in <title>, the description and
    the Open Graph tags alike (Django cannot render one block twice).
    """
    try:
        _, name = token.split_contents()
    except ValueError as error:
        raise template.TemplateSyntaxError("{% capture %} takes one name.") from error
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, name)


@register.filter
def json_ld(data):
    """A dict as a <script type="application/ld+json"> block (schema.org).

    Escaped like Django's json_script, so no value can close the element. A data
    block is not executed, so it needs no script permission in a CSP.
    """
    html = json_script(data, element_id=None)
    return mark_safe(
        html.replace('<script type="application/json">', '<script type="application/ld+json">', 1)
    )


@register.filter
def dutch_list(items):
    """'duur, toelatingseisen en kosten': the items joined as Dutch writes a list."""
    items = [str(item) for item in items if item]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]
