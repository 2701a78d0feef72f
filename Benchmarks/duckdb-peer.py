#!/usr/bin/env python3
"""DuckDB as the peer of issue 17's table: the same data folder (SPEC §8), in memory.

    Benchmarks/duckdb-peer.py load DIR     read_csv of every file of the folder: the peer of `utmost import`
    Benchmarks/duckdb-peer.py report DIR   the load, then the campaign report in SQL: the peer of `utmost report`

`report` prints one line per campaign (id, sessions, influenced contacts, first-touch
contacts, last-touch contacts, influenced deals, influenced revenue) and the linear
model's credits; nothing is written. It computes the core of R10–R18 the way utmost
does (R4 utm values from their attachment, R8 creation and association intervals,
R10 sessions given or derived with the 30-minute gap, R11 identities from contacts and
from events carrying both ids, R12's three rules in priority with their tie-breaks,
R13 asset events, R14–R16 per campaign, R18's linear model over the deals' touches).
It leaves out R9 visibility, R16's rule 2 within the conversion's session, the other
eight models and rounding to cents, so it does less than the whole report: a lower
bound on DuckDB's time for it, and not a second oracle (its numbers differ where
those rules matter).

Needs `pip install duckdb`. DuckDB uses both cores, as utmost's engine does.
"""
import sys
import duckdb

FILES = ["campaigns", "utm_aliases", "assets", "associations", "contacts", "deals", "deal_contacts", "events"]

TIMES = {
    "campaigns": ["created_at", "utm_attached_at"],
    "utm_aliases": ["attached_at"],
    "assets": ["published_at"],
    "associations": ["associated_at", "dissociated_at"],
    "contacts": ["created_at"],
    "deals": ["created_at", "close_date"],
    "deal_contacts": ["associated_at"],
    "events": ["time"],
}


def load(con, folder):
    """Every CSV of the folder as a table: cells as text, instants as TIMESTAMPTZ."""
    import os
    for name in FILES:
        path = os.path.join(folder, name + ".csv")
        if not os.path.exists(path):
            con.execute(f"CREATE TABLE {name} AS SELECT NULL::VARCHAR AS campaign_id, NULL::VARCHAR AS utm_campaign, "
                        f"NULL::TIMESTAMPTZ AS attached_at WHERE false")
            continue
        types = ", ".join(f"'{c}': 'TIMESTAMPTZ'" for c in TIMES[name])
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv('{path}', header = true, types = {{{types}}})")


REPORT = r"""
CREATE TEMP TABLE utm AS
    SELECT id AS campaign, lower(trim(utm_campaign)) AS key, coalesce(utm_attached_at, created_at) AS attached_at
    FROM campaigns WHERE utm_campaign IS NOT NULL
    UNION ALL
    SELECT campaign_id, lower(trim(utm_campaign)), attached_at FROM utm_aliases;

CREATE TEMP TABLE intervals AS
    SELECT s.asset_id AS asset, s.campaign_id AS campaign, s.associated_at AS from_t,
           coalesce(s.dissociated_at, 'infinity'::TIMESTAMPTZ) AS to_t, a.type, c.created_at,
           regexp_replace(lower(regexp_extract(a.url, '^[a-zA-Z]+://(?:www\.)?([^/:?#]+)', 1)), '^www\.', '')
             || coalesce(nullif(regexp_replace(regexp_extract(a.url, '^[a-zA-Z]+://[^/?#]+(/[^?#]*)', 1), '/+$', ''), ''), '/') AS page,
           lower(trim(url_decode(replace(regexp_extract(a.url, '(?i)[?&]utm_campaign=([^&#]*)', 1), '+', ' ')))) AS tag
    FROM associations s JOIN assets a ON a.id = s.asset_id JOIN campaigns c ON c.id = s.campaign_id;

CREATE TEMP TABLE keywords AS
    SELECT i.*, lower(trim(k.kw)) AS keyword
    FROM intervals i JOIN (SELECT id, unnest(string_split(keywords, ';')) AS kw FROM assets WHERE type = 'paid_search') k
      ON k.id = i.asset;

-- R11: a visitor's contact, listed or from an event carrying both.
CREATE TEMP TABLE visitor_contact AS
    SELECT visitor, min(contact) AS contact FROM (
        SELECT trim(unnest(string_split(visitor_ids, ';'))) AS visitor, id AS contact FROM contacts
        UNION ALL
        SELECT visitor_id, contact_id FROM events WHERE visitor_id IS NOT NULL AND contact_id IS NOT NULL
    ) GROUP BY visitor;

CREATE TEMP TABLE ev AS
    SELECT row_number() OVER () AS row, e.time, e.type, e.visitor_id, e.session_id, e.asset_id,
           coalesce(e.contact_id, vc.contact) AS contact,
           lower(trim(e.keyword)) AS keyword,
           regexp_replace(lower(regexp_extract(e.url, '^[a-zA-Z]+://(?:www\.)?([^/:?#]+)', 1)), '^www\.', '')
             || coalesce(nullif(regexp_replace(regexp_extract(e.url, '^[a-zA-Z]+://[^/?#]+(/[^?#]*)', 1), '/+$', ''), ''), '/') AS page,
           nullif(lower(trim(url_decode(replace(regexp_extract(e.url, '(?i)[?&]utm_campaign=([^&#]*)', 1), '+', ' ')))), '') AS tag
    FROM events e LEFT JOIN visitor_contact vc ON vc.visitor = e.visitor_id;

-- R10: given sessions, else per visitor (else contact) with a new one after 30 minutes.
CREATE TEMP TABLE sessions AS
    SELECT row, CASE WHEN session_id IS NOT NULL THEN 'g' || session_id
                     ELSE 'd' || owner || ':' || sum(gap) OVER (PARTITION BY owner ORDER BY time, row) END AS session
    FROM (
        SELECT row, time, session_id, coalesce(visitor_id, contact) AS owner,
               CASE WHEN session_id IS NULL AND time - lag(time) OVER (PARTITION BY coalesce(visitor_id, contact), session_id IS NULL
                                                                       ORDER BY time, row) <= INTERVAL 30 MINUTE
                    THEN 0 ELSE 1 END AS gap
        FROM ev WHERE type IN ('page_view', 'form_submission', 'cta_click')
    );

-- R12: each page view's campaign, rules in priority, then their tie-breaks.
CREATE TEMP TABLE matched AS
    SELECT row, campaign, rule FROM (
        SELECT row, campaign, rule, row_number() OVER (PARTITION BY row ORDER BY rule, tracking DESC, since DESC, campaign) AS pick
        FROM (
            SELECT v.row, u.campaign, 1 AS rule, 0 AS tracking, u.attached_at AS since
            FROM ev v JOIN utm u ON u.key = v.tag JOIN campaigns c ON c.id = u.campaign
            WHERE v.type = 'page_view' AND u.attached_at <= v.time AND c.created_at <= v.time
            UNION ALL
            SELECT v.row, i.campaign, 2, (i.type = 'tracking_url')::INT, i.from_t
            FROM ev v JOIN intervals i ON i.page = v.page
            WHERE v.type = 'page_view' AND i.type IN ('blog_post', 'landing_page', 'website_page', 'tracking_url')
              AND (i.type <> 'tracking_url' OR i.tag IS NOT DISTINCT FROM v.tag)
              AND i.from_t <= v.time AND v.time < i.to_t AND i.created_at <= v.time
            UNION ALL
            SELECT v.row, k.campaign, 3, 0, k.from_t
            FROM ev v JOIN keywords k ON k.keyword = v.keyword
            WHERE v.type = 'page_view' AND k.from_t <= v.time AND v.time < k.to_t AND k.created_at <= v.time
        )
    ) WHERE pick = 1
    UNION ALL
    -- R13: events through an asset associated then.
    SELECT v.row, i.campaign, 4
    FROM ev v JOIN intervals i ON i.asset = v.asset_id
    WHERE v.type IN ('form_submission', 'email_open', 'email_click', 'cta_click', 'ad_click', 'social_click')
      AND i.from_t <= v.time AND v.time < i.to_t AND i.created_at <= v.time;

CREATE TEMP TABLE touches AS
    SELECT v.row, v.time, v.type, v.contact, m.campaign, m.rule, s.session
    FROM matched m JOIN ev v USING (row) LEFT JOIN sessions s USING (row);

CREATE TEMP TABLE first_touch AS
    SELECT f.contact, t.campaign FROM (
        SELECT contact, arg_min(row, (time, row)) AS row FROM ev WHERE type = 'page_view' AND contact IS NOT NULL GROUP BY contact
    ) f LEFT JOIN touches t USING (row);

CREATE TEMP TABLE last_touch AS
    SELECT f.contact, u.campaign FROM (
        SELECT contact, arg_min(row, (time, row)) AS row FROM ev WHERE type = 'form_submission' AND contact IS NOT NULL GROUP BY contact
    ) f JOIN ev v USING (row) JOIN utm u ON u.key = v.tag AND u.attached_at <= v.time;

CREATE TEMP TABLE deal_touches AS
    SELECT d.id AS deal, d.amount::DECIMAL(18, 2) AS amount, t.campaign, t.row
    FROM deals d JOIN deal_contacts dc ON dc.deal_id = d.id AND dc.associated_at <= d.close_date
    JOIN touches t ON t.contact = dc.contact_id AND t.time <= d.close_date
    WHERE d.stage = 'closed_won';

SELECT c.id,
       (SELECT count(DISTINCT session) FROM touches t WHERE t.campaign = c.id AND t.type = 'page_view') AS sessions,
       (SELECT count(DISTINCT contact) FROM touches t WHERE t.campaign = c.id) AS influenced,
       (SELECT count(*) FROM first_touch f WHERE f.campaign = c.id) AS first_touch,
       (SELECT count(*) FROM last_touch l WHERE l.campaign = c.id) AS last_touch,
       (SELECT count(DISTINCT deal) FROM deal_touches d WHERE d.campaign = c.id) AS deals,
       (SELECT sum(amount) FROM (SELECT DISTINCT deal, amount FROM deal_touches d WHERE d.campaign = c.id)) AS revenue,
       (SELECT sum(share) FROM (SELECT campaign, amount / count(*) OVER (PARTITION BY deal) AS share FROM deal_touches) s
         WHERE s.campaign = c.id) AS linear
FROM campaigns c ORDER BY c.id;
"""


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("load", "report"):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        sys.exit(64)
    con = duckdb.connect()
    load(con, sys.argv[2])
    if sys.argv[1] == "report":
        *setup, final = [s for s in REPORT.split(";\n") if s.strip()]
        for statement in setup:
            con.execute(statement)
        for row in con.execute(final).fetchall():
            print("\t".join("" if v is None else str(v) for v in row))


if __name__ == "__main__":
    main()
