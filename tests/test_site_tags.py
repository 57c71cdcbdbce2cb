"""The base template's own tags."""

import json

from django.template import Context, Template


def render(source, **context):
    return Template("{% load site_tags %}" + source).render(Context(context))


def test_json_ld_is_a_data_block_that_no_value_can_close():
    html = render("{{ data|json_ld }}", data={"name": "A & B </script><b>"})
    assert html.startswith('<script type="application/ld+json">')
    assert html.endswith("</script>")
    body = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "</script>" not in body and "<b>" not in body and "&amp;" not in body
    assert json.loads(body) == {"name": "A & B </script><b>"}


def test_capture_renders_once_and_can_be_used_again():
    html = render("{% capture who %} Erik {% endcapture %}[{{ who }}][{{ who }}]")
    assert html == "[Erik][Erik]"


def test_capture_escapes_its_content_once():
    """A title like "M&T" or an address with a query string must not come out
    as "&amp;amp;" (the content is escaped while it is rendered, not again)."""
    html = render("{% capture x %}{{ v }}{% endcapture %}{{ x }}", v='M&T <b> "a"')
    assert html == "M&amp;T &lt;b&gt; &quot;a&quot;"
