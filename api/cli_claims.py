"""The ``newsgraph claims`` commands: what fact-checkers keep, from the terminal.

``list`` and ``show`` read every claim (quoted in articles and stored by fact-checkers);
``add``, ``evidence``, ``review`` and ``delete`` write a fact-checker's claims, as
``POST /v1/claims`` and its sub-resources do. ``show --claimreview`` prints the
schema.org ``ClaimReview`` JSON-LD of a reviewed claim. Exit codes: 0 done, 2 an error
(bad input, unknown id) stopped the command, with nothing written.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from api.cli_graph import (
    DbOpt,
    JsonOpt,
    entity_id_of,
    err,
    open_store,
    out,
    print_json,
    reported_errors,
)
from graph.claim_records import claim_review_jsonld
from graph.model import Claim

claims_app = typer.Typer(help="Claims: who said what; a fact-checker's claims, evidence "
                         "and verdicts.", no_args_is_help=True)
ClaimArg = Annotated[str, typer.Argument(help="A claim id (claim:…).")]


def _print_claim(claim: Claim) -> None:
    who = claim.claimant or "someone"
    out.print(f"[bold]{claim.id}[/] ({claim.origin}) {who} [dim]{claim.stance or ''}[/]: "
              f"“{claim.text}”", highlight=False)
    if claim.when or claim.where:
        out.print(f"  when {claim.when or '?'} · where {claim.where or '?'}", highlight=False)
    if claim.source:
        out.print(f"  [dim]quoted in {claim.source.document} "
                  f"({claim.source.outlet or claim.source.url or ''})[/]", highlight=False)
    for about in claim.about:
        gone = "" if about.get("exists") else " [red](gone)[/]"
        out.print(f"  about {about.get('label')} [dim]{about['id']}[/]{gone}", highlight=False)
    for other in claim.contested_with:
        out.print(f"  [yellow]contested by[/] {other}", highlight=False)
    for item in claim.evidence:
        gone = "" if item.get("exists") else " [red](gone)[/]"
        note = f": {item['note']}" if item.get("note") else ""
        out.print(f"  {item['relation']}: {item.get('label')} [dim]{item['target']}[/]{gone}"
                  f"{note}", highlight=False)
    if claim.review:
        out.print(f"  [bold]verdict[/] {claim.review['rating']} "
                  f"({claim.review.get('author') or 'no author'})", highlight=False)


@claims_app.command("list")
def list_command(
    about: Annotated[str | None, typer.Option(help="An event, entity or document id.")] = None,
    document: Annotated[str | None, typer.Option(help="Claims quoted in this document.")
                        ] = None,
    claimant: Annotated[str | None, typer.Option(help="Claims made by this entity (name or "
                                                 "id).")] = None,
    origin: Annotated[str | None, typer.Option(help="extracted or checker.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=500, help="At most this many.")] = 50,
    db: DbOpt = None, as_json: JsonOpt = False,
) -> None:
    """Claims newest first: quoted in articles and stored by fact-checkers."""
    with reported_errors(), open_store(db) as store:
        found = store.list_claims(about=about, document=document,
                                  claimant=entity_id_of(store, claimant), origin=origin,
                                  limit=limit)
    if as_json:
        print_json([c.as_json() for c in found])
        return
    table = Table("origin", "claimant", "stance", "text", "verdict")
    table.add_column("claim", no_wrap=True)
    for c in found:
        table.add_row(c.origin, c.claimant or "", c.stance or "",
                      c.text if len(c.text) < 90 else c.text[:89] + "…",
                      (c.review or {}).get("rating", ""), c.id)
    out.print(table)


@claims_app.command("show")
def show_command(claim_id: ClaimArg, db: DbOpt = None, as_json: JsonOpt = False,
                 claimreview: Annotated[bool, typer.Option(
                     "--claimreview", help="Print the schema.org ClaimReview JSON-LD.")
                 ] = False) -> None:
    """One claim: claimant, source, what it is about, evidence and verdict."""
    with reported_errors(), open_store(db) as store:
        claim = store.get_claim(claim_id)
    if claimreview:
        review = claim_review_jsonld(claim)
        if review is None:
            err.print(f"[bold red]error[/] {claim_id} has no review yet; add one with "
                      "`newsgraph claims review`.", highlight=False)
            raise typer.Exit(2)
        print_json(review)
    elif as_json:
        print_json(claim.as_json())
    else:
        _print_claim(claim)


@claims_app.command("add")
def add_command(
    text: Annotated[str, typer.Argument(help="The claim, in quotes.")],
    claimant: Annotated[str | None, typer.Option(help="Who made it.")] = None,
    claimant_entity: Annotated[str | None, typer.Option(
        help="The graph's entity that made it (name or id).")] = None,
    where: Annotated[str | None, typer.Option(help="Where it was made: a URL or words.")
                     ] = None,
    when: Annotated[str | None, typer.Option(help="When: YYYY-MM-DD, YYYY-MM or YYYY.")
                    ] = None,
    checker_url: Annotated[str | None, typer.Option(help="Your fact-check's URL.")] = None,
    about: Annotated[list[str] | None, typer.Option(
        help="An event or entity id it is about (repeat the option).")] = None,
    db: DbOpt = None, as_json: JsonOpt = False,
) -> None:
    """Store a fact-checker's claim (the same claim again changes nothing)."""
    with reported_errors(), open_store(db) as store:
        claim, created = store.add_claim(text, claimant=claimant,
                                         claimant_entity=claimant_entity, where=where,
                                         when=when, checker_url=checker_url,
                                         about=about or [])
    if as_json:
        print_json({**claim.as_json(), "created": created})
        return
    out.print(f"{'stored' if created else 'already stored'}: {claim.id}", highlight=False)


@claims_app.command("evidence")
def evidence_command(
    claim_id: ClaimArg,
    target: Annotated[str, typer.Argument(help="An event or document id.")],
    relation: Annotated[str, typer.Option(help="supports or refutes.")] = "supports",
    note: Annotated[str | None, typer.Option(help="Why.")] = None,
    db: DbOpt = None, as_json: JsonOpt = False,
) -> None:
    """Link an event or document that supports or refutes a fact-checker's claim."""
    with reported_errors(), open_store(db) as store:
        claim = store.add_claim_evidence(claim_id, target, relation, note)
    if as_json:
        print_json(claim.as_json())
    else:
        _print_claim(claim)


@claims_app.command("review")
def review_command(
    claim_id: ClaimArg,
    rating: Annotated[str | None, typer.Option(help="The verdict in words: False, "
                                               "Misleading, Mostly true…")] = None,
    rating_value: Annotated[float | None, typer.Option(help="The verdict as a number.")
                            ] = None,
    best_rating: Annotated[float | None, typer.Option()] = None,
    worst_rating: Annotated[float | None, typer.Option()] = None,
    author: Annotated[str | None, typer.Option(help="Your organization.")] = None,
    url: Annotated[str | None, typer.Option(help="Where the fact-check is published.")
                   ] = None,
    date_published: Annotated[str | None, typer.Option(help="YYYY-MM-DD.")] = None,
    withdraw: Annotated[bool, typer.Option(help="Withdraw the verdict.")] = False,
    db: DbOpt = None, as_json: JsonOpt = False,
) -> None:
    """Publish (or --withdraw) the verdict on a fact-checker's claim."""
    def number(value: float | None) -> int | float | None:
        return int(value) if value is not None and value.is_integer() else value

    review = None if withdraw else {
        "rating": rating, "rating_value": number(rating_value),
        "best_rating": number(best_rating), "worst_rating": number(worst_rating),
        "author": author, "url": url, "date_published": date_published}
    with reported_errors(), open_store(db) as store:
        claim = store.review_claim(claim_id, review)
    if as_json:
        print_json(claim.as_json())
    else:
        _print_claim(claim)


@claims_app.command("delete")
def delete_command(claim_id: ClaimArg, db: DbOpt = None) -> None:
    """Delete a fact-checker's claim with its evidence and verdict."""
    with reported_errors(), open_store(db) as store:
        store.delete_claim(claim_id)
    out.print(f"deleted {claim_id}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the ``claims`` group to the main ``newsgraph`` app."""
    app.add_typer(claims_app, name="claims")

