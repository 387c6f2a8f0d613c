"""Hand-written word lists and sentence templates for the synthetic hubs.

Everything here describes Larkspur, a fictional B2B revenue-intelligence company that sells
to sales, marketing and RevOps leaders. The lists are data only: ``synth.py`` and
``prose.py`` assemble them into a glossary, personas, playbooks and assets.

Template slots (filled by ``prose.Writer``):

``{lead}`` ``{metric}`` ``{role}`` ``{meeting}`` ``{doc}`` ``{program}`` ``{product}``
``{thing}``
    a glossary term of that category (``{thing}`` is any category); a trailing ``s`` inside
    the braces (``{leads}``) asks for the plural.
``{persona}``  a buyer, written as a role ("the VP of Sales")
``{company}``  a customer or prospect
``{competitor}`` a competitor
``{n}`` ``{pct}`` ``{days}`` a number, a percentage, a duration
``{acronym}``  an acronym (sometimes one nobody defined: a planted TERM004)
"""

from __future__ import annotations

# (term, abbreviation, aliases, avoid forms, casing, category, owner)
CuratedTerm = tuple[str, str | None, tuple[str, ...], tuple[str, ...], str, str, str]

# One entry a line reads as a table; the formatter would spread each over nine lines.
# fmt: off
CURATED_TERMS: tuple[CuratedTerm, ...] = (
    ("Marketing Qualified Lead", "MQL", ("marketing-qualified lead",), ("hot lead", "warm lead"), "any", "lead", "marketing"),
    ("Sales Qualified Lead", "SQL", ("sales-qualified lead",), ("sales-ready lead",), "any", "lead", "sales"),
    ("Sales Accepted Lead", "SAL", (), ("accepted prospect",), "any", "lead", "sales"),
    ("Product Qualified Lead", "PQL", ("product-qualified lead",), ("activated trialist",), "any", "lead", "marketing"),
    ("Ideal Customer Profile", "ICP", (), ("target profile", "dream customer"), "any", "lead", "marketing"),
    ("Annual Recurring Revenue", "ARR", (), ("annual run rate",), "any", "metric", "revops"),
    ("Monthly Recurring Revenue", "MRR", (), ("monthly run rate",), "any", "metric", "revops"),
    ("Net Revenue Retention", "NRR", (), ("net dollar retention",), "any", "metric", "revops"),
    ("Gross Revenue Retention", "GRR", (), (), "any", "metric", "revops"),
    ("Customer Acquisition Cost", "CAC", (), ("cost to acquire",), "any", "metric", "revops"),
    ("Lifetime Value", "LTV", ("customer lifetime value",), ("lifetime revenue",), "any", "metric", "revops"),
    ("Account Executive", "AE", (), ("closer",), "any", "role", "sales"),
    ("Sales Development Representative", "SDR", ("sales development rep",), ("appointment setter",), "any", "role", "sales"),
    ("Business Development Representative", "BDR", (), ("lead chaser",), "any", "role", "sales"),
    ("Customer Success Manager", "CSM", (), ("customer happiness manager",), "any", "role", "customer-success"),
    ("Solutions Engineer", "SE", ("solution engineer",), ("sales engineer", "demo jockey"), "any", "role", "sales"),
    ("Quarterly Business Review", "QBR", (), ("quarterly check-in",), "any", "meeting", "customer-success"),
    ("Statement of Work", "SOW", (), ("work order",), "any", "doc", "sales"),
    ("Request for Proposal", "RFP", (), ("tender document",), "any", "doc", "sales"),
    ("Proof of Concept", "POC", ("proof-of-concept",), ("pilot project",), "any", "program", "sales"),
    ("go-to-market", "GTM", (), ("go to market",), "any", "program", "marketing"),
    ("email", None, (), ("e-mail",), "any", "doc", "marketing"),
    ("website", None, (), ("web site",), "any", "doc", "marketing"),
    ("customer", None, (), ("client",), "any", "lead", "customer-success"),
    ("deal desk", None, (), ("deals desk",), "any", "meeting", "revops"),
    ("pipeline", None, ("sales pipeline",), ("deal funnel",), "any", "metric", "revops"),
    ("churn", None, ("customer churn",), ("logo attrition",), "any", "metric", "customer-success"),
    ("Closed Won", None, ("closed-won",), ("booked deal",), "any", "metric", "sales"),
    ("Closed Lost", None, ("closed-lost",), ("dead deal",), "any", "metric", "sales"),
    ("buyer persona", None, (), ("customer avatar",), "any", "doc", "marketing"),
    ("battlecard", None, ("battle card",), ("competitive cheat sheet",), "any", "doc", "marketing"),
    ("case study", None, (), ("success story",), "any", "doc", "marketing"),
    ("one-pager", None, (), ("sell sheet",), "any", "doc", "marketing"),
    ("webinar", None, (), ("web seminar",), "any", "program", "marketing"),
    ("free trial", None, (), ("test drive",), "any", "program", "marketing"),
    ("onboarding", None, (), ("on-boarding",), "any", "program", "customer-success"),
    ("software as a service", "SaaS", (), ("hosted software",), "any", "thing", "marketing"),
    ("Customer Relationship Management", "CRM", (), (), "any", "product", "revops"),
    ("Larkspur", None, (), ("Lark Spur",), "exact", "product", "marketing"),
    ("Larkspur Signal", None, (), ("Signal app",), "exact", "product", "marketing"),
    ("Larkspur Forecast", None, (), ("forecasting module",), "exact", "product", "marketing"),
    ("Larkspur Connect", None, (), ("integration hub",), "exact", "product", "marketing"),
    ("Larkspur Coach", None, (), (), "exact", "product", "marketing"),
    ("HubSpot", None, (), (), "exact", "product", "marketing"),
    ("Salesforce", None, (), ("SFDC",), "exact", "product", "revops"),
    ("LinkedIn", None, (), (), "exact", "product", "marketing"),
    ("Net Promoter Score", "NPS", (), ("promoter score",), "any", "metric", "customer-success"),
    ("Service Level Agreement", "SLA", (), ("service promise",), "any", "doc", "revops"),
    ("Total Cost of Ownership", "TCO", (), ("all-in cost",), "any", "metric", "sales"),
    ("Return on Investment", "ROI", (), ("payback value",), "any", "metric", "sales"),
    ("Key Performance Indicator", "KPI", (), ("success metric",), "any", "metric", "revops"),
    ("Average Contract Value", "ACV", (), ("average deal size",), "any", "metric", "revops"),
    ("Total Contract Value", "TCV", (), ("whole deal value",), "any", "metric", "revops"),
    ("win rate", None, (), ("close ratio",), "any", "metric", "sales"),
    ("sales cycle", None, (), ("deal cycle",), "any", "metric", "sales"),
    ("discovery call", None, (), ("intro call",), "any", "meeting", "sales"),
    ("demo", None, ("product demo",), ("walkthrough call",), "any", "meeting", "sales"),
    ("champion", None, (), ("inside coach",), "any", "role", "sales"),
    ("economic buyer", None, (), ("budget holder",), "any", "role", "sales"),
    ("upsell", None, (), ("up-sell",), "any", "program", "customer-success"),
    ("cross-sell", None, (), ("cross sell",), "any", "program", "customer-success"),
    ("Revenue Operations", "RevOps", (), ("rev ops", "revenue ops"), "any", "role", "revops"),
    ("account-based marketing", "ABM", ("account based marketing",), ("target account marketing",), "any", "program", "marketing"),
    ("lead scoring", None, (), ("lead grading",), "any", "program", "marketing"),
    ("nurture sequence", None, (), ("drip campaign",), "any", "program", "marketing"),
    ("landing page", None, (), ("splash page",), "any", "doc", "marketing"),
    ("call to action", "CTA", (), ("action button",), "any", "doc", "marketing"),
    ("click-through rate", "CTR", (), ("clickthrough rate",), "any", "metric", "marketing"),
    ("cost per lead", "CPL", (), ("lead cost",), "any", "metric", "marketing"),
    ("ebook", None, (), ("e-book",), "any", "doc", "marketing"),
    ("white paper", None, (), ("whitepaper",), "any", "doc", "marketing"),
    ("Data Processing Agreement", "DPA", (), ("privacy addendum",), "any", "doc", "revops"),
    ("Master Services Agreement", "MSA", (), ("master contract",), "any", "doc", "revops"),
    ("Non-Disclosure Agreement", "NDA", (), ("confidentiality form",), "any", "doc", "sales"),
    ("Mutual Action Plan", "MAP", (), ("close plan",), "any", "doc", "sales"),
    ("mid-market", None, ("mid market",), ("middle market",), "any", "lead", "sales"),
    ("small and medium-sized business", "SMB", (), ("small business segment",), "any", "lead", "sales"),
    ("enterprise account", None, (), ("whale account",), "any", "lead", "sales"),
    ("buying group", None, (), ("buying committee",), "any", "role", "marketing"),
    ("intent data", None, (), ("buyer signals",), "any", "metric", "marketing"),
    ("pipeline coverage", None, (), ("coverage ratio",), "any", "metric", "revops"),
    ("forecast category", None, (), ("commit bucket",), "any", "metric", "revops"),
    ("sales enablement", None, (), ("sales training team",), "any", "program", "sales"),
    ("customer reference", None, (), ("reference customer",), "any", "program", "customer-success"),
    ("health score", None, (), ("account health grade",), "any", "metric", "customer-success"),
)
# fmt: on

# Modifier -> the synonym writers reach for instead (the composed term's avoided form).
MODIFIERS: tuple[tuple[str, str], ...] = (
    ("inbound", "incoming"),
    ("outbound", "cold"),
    ("partner", "channel"),
    ("expansion", "growth"),
    ("renewal", "re-up"),
    ("executive", "C-suite"),
    ("field", "in-person"),
    ("digital", "online"),
    ("competitive", "competitor"),
    ("regional", "local"),
    ("strategic", "key"),
    ("quarterly", "three-month"),
    ("annual", "yearly"),
    ("onboarding", "kickoff"),
    ("pricing", "price"),
    ("territory", "patch"),
    ("launch", "release"),
    ("analyst", "research firm"),
    ("community", "user group"),
    ("advocacy", "fan"),
    ("segment", "vertical"),
    ("integration", "connector"),
    ("security", "infosec"),
    ("value", "benefits"),
    ("win-loss", "post-mortem"),
)

# Head noun -> template category.
HEADS: tuple[tuple[str, str], ...] = (
    ("briefing", "meeting"),
    ("review", "meeting"),
    ("workshop", "meeting"),
    ("assessment", "meeting"),
    ("forecast", "metric"),
    ("scorecard", "metric"),
    ("dashboard", "metric"),
    ("report", "metric"),
    ("sequence", "program"),
    ("campaign", "program"),
    ("event", "program"),
    ("motion", "program"),
    ("program", "program"),
    ("referral", "lead"),
    ("opportunity", "lead"),
    ("roadmap", "doc"),
    ("plan", "doc"),
    ("checklist", "doc"),
    ("calculator", "doc"),
    ("brief", "doc"),
)

TEAMS = ("sales", "marketing", "customer-success", "revops")
JOURNEY = ("awareness", "consideration", "decision", "onboarding", "expansion")
ASSET_TYPES = ("battlecard", "case-study", "email-template", "one-pager", "talk-track")
TYPE_FOLDERS = {
    "battlecard": "battlecards",
    "case-study": "case-studies",
    "email-template": "email-templates",
    "one-pager": "one-pagers",
    "talk-track": "talk-tracks",
}
ALLOWED_ACRONYMS = (
    "CEO",
    "CFO",
    "CRO",
    "CMO",
    "CTO",
    "CIO",
    "VP",
    "PDF",
    "API",
    "B2B",
    "EU",
    "US",
    "UK",
    "FAQ",
    "AI",
    "CSV",
    "GDPR",
    "SOC",
    "HR",
    "IT",
)
# Acronyms nobody defined: each use is a planted TERM004.
UNDEFINED_ACRONYMS = ("OKR", "TAM", "PLG", "EBR", "CPQ", "BANT", "SPIFF", "MEDDIC", "ABX", "RFI")

# (id, name, role, segment)
PERSONAS: tuple[tuple[str, str, str, str], ...] = (
    (
        "vp-sales",
        "Valeria, the VP of Sales",
        "VP of Sales",
        "Mid-market software companies with 40-200 sellers",
    ),
    (
        "cro",
        "Marcus, the Chief Revenue Officer",
        "Chief Revenue Officer",
        "Scale-ups past their Series C",
    ),
    (
        "revops-lead",
        "Priya, the RevOps lead",
        "Head of Revenue Operations",
        "Companies running Salesforce with a RevOps team of 2-10",
    ),
    (
        "cmo",
        "Hannah, the CMO",
        "Chief Marketing Officer",
        "B2B companies with a demand-generation budget above 2 million",
    ),
    (
        "demand-gen-manager",
        "Tom, the demand generation manager",
        "Demand Generation Manager",
        "Marketing teams of 5-30",
    ),
    (
        "marketing-ops",
        "Ines, the marketing operations manager",
        "Marketing Operations Manager",
        "Teams on HubSpot or Marketo",
    ),
    (
        "sales-manager",
        "Dev, the frontline sales manager",
        "Sales Manager",
        "Managers of 6-10 account executives",
    ),
    (
        "enablement-lead",
        "Grace, the enablement lead",
        "Head of Sales Enablement",
        "Sales teams onboarding 20 or more reps a year",
    ),
    (
        "cs-director",
        "Olu, the customer success director",
        "Director of Customer Success",
        "Subscription businesses with net retention targets",
    ),
    (
        "it-security",
        "Sam, the IT and security reviewer",
        "IT Security Manager",
        "Any buyer with a security questionnaire",
    ),
    (
        "procurement",
        "Lena, the procurement manager",
        "Procurement Manager",
        "Enterprise buyers with a vendor-onboarding process",
    ),
    (
        "cfo",
        "Robert, the CFO",
        "Chief Financial Officer",
        "Companies where finance signs every software contract",
    ),
)
PERSONA_PHRASES = {
    "vp-sales": "the VP of Sales",
    "cro": "the CRO",
    "revops-lead": "the RevOps lead",
    "cmo": "the CMO",
    "demand-gen-manager": "the demand generation manager",
    "marketing-ops": "the marketing operations manager",
    "sales-manager": "the frontline sales manager",
    "enablement-lead": "the enablement lead",
    "cs-director": "the customer success director",
    "it-security": "the security reviewer",
    "procurement": "the procurement manager",
    "cfo": "the CFO",
}

COMPANIES = (
    "Kestrel Logistics",
    "Brightwater Dental",
    "Pinecrest Manufacturing",
    "Harbor & Vale",
    "Ostara Health",
    "Juniper Freight",
    "Calder Analytics",
    "Meridian Foods",
    "Tallis Robotics",
    "Northgate Insurance",
    "Bluefin Payments",
    "Quarry Lane Studios",
    "Amberly Hotels",
    "Fjord Systems",
    "Redwood Learning",
    "Sable Security",
    "Corvid Labs",
    "Wrenfield Bank",
    "Halcyon Energy",
    "Mosaic Retail",
    "Ironbark Construction",
    "Lumen Clinics",
    "Tidewater Shipping",
    "Greyhaven Legal",
    "Ashgrove Partners",
    "Peregrine Travel",
)
COMPETITORS = ("Pipewise", "Quotaly", "ForecastIQ", "DealRadar", "the spreadsheet status quo")

FIRST_NAMES = (
    "Aisha",
    "Ben",
    "Carla",
    "Diego",
    "Elena",
    "Farid",
    "Greta",
    "Hiro",
    "Ivy",
    "Jonas",
    "Kemi",
    "Luca",
    "Maya",
    "Nils",
    "Olga",
    "Pavel",
    "Rosa",
    "Sanjay",
    "Tara",
    "Umar",
)
JOB_TITLES = (
    "VP of Sales",
    "Head of RevOps",
    "CMO",
    "Sales Director",
    "CFO",
    "Director of Demand Generation",
    "Head of Customer Success",
    "CRO",
)

DAYS = (
    "two days",
    "three weeks",
    "one quarter",
    "ten business days",
    "48 hours",
    "a month",
    "six weeks",
    "the first 30 days",
    "two sprints",
    "one sales cycle",
)

# Sentence templates. Slots are described in the module docstring.
SENTENCES: tuple[str, ...] = (
    "When {persona} asks about {metric}, lead with the number a customer like {company} moved, not with features.",
    "Most teams we meet track {metric} in a spreadsheet nobody trusts, so the weekly {meeting} turns into an argument about definitions.",
    "{company} cut the time from {lead} to first meeting by {pct} in {days}.",
    "Send the {doc} within {days} of the {meeting}, and copy the {role} who owns the account.",
    "If {persona} has not seen a {doc} yet, share the one for their industry before you propose a {meeting}.",
    "Our {role} team books the {meeting} only after the {lead} has a named {role} and a date in the {doc}.",
    "{product} shows every {lead} with the activity behind it, so nobody has to rebuild the list by hand.",
    "The {program} works best when sales and marketing agree on the {leads} before the quarter starts.",
    "Ask {persona} how they measure {metric} today and who signs off the number at the end of the quarter.",
    "We lose deals to {competitor} when the {role} never meets the {role} who controls the budget.",
    "A good {meeting} ends with an agreed next step, an owner and a date in the {doc}.",
    "Teams that run a {program} every quarter see {metric} rise by {pct} on average.",
    "Do not discount to win the {meeting}; show the {metric} impact instead and let the {role} make the case.",
    "{company} replaced three tools with {product} and now reviews {metric} in one place.",
    "Before the {meeting}, read the {doc} and note which {metric} the buyer mentioned twice.",
    "Share the {doc} only with people inside the account, and log every send in {product}.",
    "The {role} owns the {doc} until the contract is signed, then hands it to the {role}.",
    "Route every {lead} to a {role} within {days}, or it goes back to the {program}.",
    "Quote {metric} as a range, never as a promise, and name the source.",
    "{persona} cares less about the {program} than about the {metric} they report to the board.",
    "In {days}, {company} moved {pct} of its {leads} into an active {program}.",
    "Use {product} to find the {leads} that went quiet after the last {meeting}.",
    "Every {doc} has an owner and a review date; if yours is out of date, say so in the channel.",
    "We call it a {lead} only when it meets the criteria in the hand-off agreement, not when it feels promising.",
    "Pair the {doc} with a short {meeting} so {persona} can ask questions in their own words.",
    "Tie the {program} to the {acronym} for the quarter, so leadership sees why it matters.",
    "Bring the {acronym} numbers to the {meeting} and let {persona} compare them with last year.",
    "Customers using {product} report {pct} more {leads} reaching a {meeting} within {days}.",
    "The {role} and the {role} review {metric} together every Monday, before the {meeting}.",
    "Keep the {doc} short: one page, three proof points, one {thing} the buyer can act on.",
    "{competitor} will offer a bigger discount; answer with {metric} and a {doc} from {company}.",
    "If the {role} cannot name the {role}, the opportunity is not ready for a {meeting}.",
    "Plan the {program} around the buyer's calendar, not our quarter end.",
    "Start with the problem {persona} described, then show how {product} changes the {metric}.",
    "Log the outcome of each {meeting} the same day, so the {metric} report stays honest.",
    "{company} now runs its {meeting} from {product} instead of a slide deck.",
)
QUOTES: tuple[str, ...] = (
    "We stopped arguing about {metric} the week we moved to {product}.",
    "Our {role} team finally trusts the {doc}, because it is the same one marketing reads.",
    "The {meeting} used to take an afternoon. Now it takes twenty minutes and ends with decisions.",
    "Within {days} we could see which {leads} were real and which were noise.",
    "{product} gave our {role} team {pct} more time with customers.",
)
HEADINGS: tuple[str, ...] = (
    "Why it matters",
    "Who this is for",
    "How to position {product}",
    "Proof points",
    "Objections and answers",
    "Next steps",
    "What we learned",
    "The numbers",
    "Where we win",
    "Where we lose",
    "Questions to ask",
    "How to run the {meeting}",
    "Before you send",
    "Talking points for {persona}",
    "Results",
    "The challenge",
    "What changed",
    "Timeline",
    "Who owns what",
    "Measuring the {program}",
)
LIST_ITEMS: tuple[str, ...] = (
    "Confirm the {role} and the {role} by name",
    "Share the {doc} after the {meeting}",
    "Agree the {metric} target for the quarter",
    "Book the {meeting} with {persona}",
    "Log every {lead} in {product}",
    "Review {metric} weekly with the {role}",
    "Send a short recap by {thing}",
    "Attach the latest {doc}, never an old copy",
    "Check that the {lead} matches the {lead} criteria",
    "Invite the {role} to the {program}",
    "Capture the buyer's own words for the {doc}",
    "Escalate blocked deals to the {meeting}",
)
TABLE_HEADERS: tuple[tuple[str, str, str], ...] = (
    ("Need", "Larkspur", "{competitor}"),
    ("Stage", "Owner", "Exit criterion"),
    ("Metric", "Before", "After"),
    ("Question", "Why we ask", "Good answer"),
)
TABLE_CELLS: tuple[str, ...] = (
    "{metric} by segment",
    "Weekly {meeting}",
    "{role}",
    "{pct} higher {metric}",
    "Shared {doc}",
    "{product} dashboard",
    "Manual export",
    "None",
    "{days}",
    "Named {role}",
    "{lead} in {product}",
    "Signed {doc}",
    "Partial",
    "Yes, with {product}",
)
TITLES = {
    "battlecard": (
        "{competitor} battlecard",
        "Winning against {competitor} in {segment}",
        "Battlecard: {competitor} for {persona_title}",
    ),
    "case-study": (
        "How {company} grew {metric}",
        "{company}: from spreadsheets to {product}",
        "{company} and the {program}",
    ),
    "email-template": (
        "Follow-up after the {meeting}",
        "First touch for a new {lead}",
        "Invitation to the {program}",
    ),
    "one-pager": (
        "{product} for {persona_title}",
        "{product} at a glance",
        "Why {metric} matters to {persona_title}",
    ),
    "talk-track": (
        "Talk track: the {meeting}",
        "Opening the {meeting} with {persona_title}",
        "Handling {competitor} in the {meeting}",
    ),
}
SEGMENTS = (
    "mid-market",
    "enterprise",
    "healthcare",
    "financial services",
    "manufacturing",
    "retail",
)
PLAYBOOK_TITLES = (
    "Hand-off from marketing to sales",
    "Weekly pipeline meeting",
    "Qualifying a new lead",
    "Running the quarterly business review",
    "Objection handling",
    "Launching a campaign",
    "Renewal and expansion",
    "Customer feedback loop",
    "Competitive deals",
    "Partner-sourced deals",
)
GOALS = (
    "Hit the quarterly number without heroics in the last week",
    "Give the board one forecast that sales, marketing and finance all believe",
    "Spend less time building reports and more time with customers",
    "Know which campaigns create pipeline, not just clicks",
    "Ramp new reps in weeks, not quarters",
)
PAINS = (
    "Three dashboards show three different pipeline numbers",
    "Reps update the CRM on Friday afternoon, from memory",
    "Marketing and sales disagree on what a good lead is",
    "Deals slip without warning at the end of the quarter",
    "Nobody knows which content actually helps close deals",
)
CHANNELS = (
    "peer communities",
    "analyst reports",
    "LinkedIn",
    "podcasts",
    "webinars",
    "review sites",
)
OBJECTIONS = (
    (
        "We already have dashboards in our CRM.",
        "Ask who trusts them. Show the activity capture that fills the gaps reps leave.",
    ),
    (
        "My reps will not adopt another tool.",
        "Larkspur works inside the inbox and the CRM they already use; show a day in the life.",
    ),
    (
        "This is a next-year project.",
        "Size the cost of one slipped quarter with their own numbers, then decide together.",
    ),
    (
        "Security will take months.",
        "Send the security pack on day one; most reviews close in two weeks.",
    ),
)
CODE_SNIPPETS: tuple[tuple[str, str], ...] = (
    ("json", '{{\n  "field": "{decoy}",\n  "owner": "revops",\n  "sync": true\n}}'),
    ("yaml", "routing:\n  source: {decoy}\n  assign_to: round-robin\n  sla_hours: 4"),
    (
        "sql",
        "SELECT id, stage, amount\nFROM opportunities\nWHERE source = '{decoy}'\n  AND close_date >= '2026-07-01';",
    ),
    (
        "text",
        "Subject: {{{{ first_name }}}}, a quick question\nX-Campaign: {decoy}\nReply-To: team@larkspur.example",
    ),
)
