"""The Routewijzer's pages: the questionnaire, the advice, and place suggestions.

The route itself comes from `pathways.routefinder.find_route`, a pure function. This
package feeds it and shows its result: `data` (what is kept in memory per content
version), `nearest` (the nearest programmes where a route ends, with `candidates`,
the sentences over their order in `order_text` and their map in `advice_map`),
`presentation` (an advice as templates show it) and `views`.
"""
