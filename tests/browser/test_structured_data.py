"""The JSON-LD blocks of the actor and network pages in a real browser: read as data,
no violation of the Content Security Policy."""

from __future__ import annotations

import json

from actors.models import Actor, Offer

REPORT_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def test_json_ld_is_read_as_data_without_a_policy_violation(visit, keynote_content):
    visit.context.add_init_script(REPORT_VIOLATIONS)
    messages = []
    visit.page.on("console", lambda message: messages.append(message.text))
    kreis = Actor.objects.filter(is_public=True, level="district").first()
    paths = [kreis.get_absolute_url(), "/netzwerke/kim-lenkungsgruppe/"]
    offer = Offer.objects.public().select_related("actor").first()
    if offer is not None:  # an actor with offers: its services in the block
        paths.append(offer.actor.get_absolute_url())
    for path in paths:
        visit.goto(path)
        blocks = visit.page.eval_on_selector_all(
            'script[type="application/ld+json"]', "nodes => nodes.map(n => n.textContent)"
        )
        assert len(blocks) == 1, path
        data = json.loads(blocks[0])
        assert data["@context"] == "https://schema.org" and data["name"], path
        assert visit.page.evaluate("window.__violations") == [], path
    assert not [text for text in messages if "Content Security Policy" in text]
    visit.assert_same_origin()
