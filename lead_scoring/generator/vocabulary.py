"""Vocabularies of the synthetic data: industries, countries, titles, pages, campaign and event
types, and the values of dirty rows (the default scoring seeds are written against them).
"""

from __future__ import annotations

import numpy as np

DAY = 86_400
HOUR = 3_600


def words(text: str) -> list[str]:
    """The blank-separated words of ``text`` (compact lists of names)."""
    return text.split()


# --------------------------------------------------------------------------------------------
# Shared vocabulary (the default scoring seeds are written against it).
# --------------------------------------------------------------------------------------------
# industry, share of companies, fit effect, revenue per employee (USD), size shift (log)
INDUSTRIES = [
    ("Software", 0.20, 0.8, 220_000, 0.0),
    ("Financial Services", 0.11, 0.6, 350_000, 0.3),
    ("Healthcare", 0.10, 0.4, 180_000, 0.3),
    ("Manufacturing", 0.11, 0.2, 250_000, 0.5),
    ("Retail", 0.09, 0.0, 200_000, 0.2),
    ("Education", 0.07, -0.6, 90_000, 0.2),
    ("Government", 0.05, -0.5, 120_000, 0.8),
    ("Media", 0.06, -0.1, 170_000, -0.2),
    ("Telecommunications", 0.05, 0.4, 400_000, 0.7),
    ("Consulting", 0.10, 0.0, 160_000, -0.4),
    ("Non-profit", 0.06, -0.8, 70_000, -0.3),
]
# code, share, country-specific top-level domain, legal suffix
COUNTRIES = [
    ("US", 0.34, "com", "Inc."),
    ("GB", 0.10, "co.uk", "Ltd"),
    ("DE", 0.10, "de", "GmbH"),
    ("FR", 0.06, "fr", "SAS"),
    ("NL", 0.04, "nl", "B.V."),
    ("CA", 0.06, "ca", "Inc."),
    ("AU", 0.04, "com.au", "Pty Ltd"),
    ("SE", 0.03, "se", "AB"),
    ("ES", 0.04, "es", "S.L."),
    ("IN", 0.09, "in", "Pvt Ltd"),
    ("BR", 0.05, "com.br", "Ltda"),
    ("JP", 0.05, "co.jp", "K.K."),
]
DEPARTMENTS = [
    "Engineering",
    "IT",
    "Marketing",
    "Sales",
    "Finance",
    "Operations",
    "HR",
    "Executive",
    "Other",
]
DEPARTMENT_FIT = np.array([0.2, 0.3, 0.3, 0.1, 0.0, 0.0, -0.4, 0.3, -0.2])
# title, seniority, usual department, weight
TITLES = [
    ("CEO", "c_level", "Executive", 2.0),
    ("Founder", "c_level", "Executive", 1.5),
    ("Owner", "c_level", "Executive", 1.0),
    ("Chief Technology Officer", "c_level", "Engineering", 1.0),
    ("CFO", "c_level", "Finance", 1.0),
    ("CMO", "c_level", "Marketing", 1.0),
    ("VP of Engineering", "vp_director", "Engineering", 2.0),
    ("VP Marketing", "vp_director", "Marketing", 2.0),
    ("Vice President Sales", "vp_director", "Sales", 2.0),
    ("Director of IT", "vp_director", "IT", 3.0),
    ("Head of Data", "vp_director", "Engineering", 2.0),
    ("Engineering Manager", "manager", "Engineering", 5.0),
    ("Marketing Manager", "manager", "Marketing", 7.0),
    ("IT Manager", "manager", "IT", 5.0),
    ("Software Engineer", "individual", "Engineering", 12.0),
    ("Data Analyst", "individual", "Operations", 6.0),
    ("Consultant", "individual", "Other", 5.0),
    ("Account Executive", "individual", "Sales", 6.0),
    ("Student", "student", "Other", 4.0),
    ("Intern", "student", "Other", 2.0),
    ("PhD Student", "student", "Other", 1.5),
]
SENIORITY_FIT = {
    "c_level": 0.6,
    "vp_director": 0.7,
    "manager": 0.4,
    "individual": 0.0,
    "student": -2.0,
}
EDUCATION = ["high_school", "bachelor", "master", "phd", "student"]
LEAD_SOURCES = [
    "organic_search",
    "paid_search",
    "social",
    "referral",
    "event",
    "email",
    "direct",
    "partner",
]
LEAD_SOURCE_P = [0.25, 0.15, 0.10, 0.10, 0.10, 0.10, 0.12, 0.08]
# what a lead source says about fit (referrals and partners buy far more often than the default
# seeds' +5 says: a signal for calibration to find)
LEAD_SOURCE_FIT = np.array([0.0, -0.2, 0.0, 1.0, 0.6, 0.0, -0.2, 0.8])
BUDGETS = ["approved", "planned", "none", "unknown"]
BUDGET_P = [0.10, 0.18, 0.22, 0.40]
BUDGET_FIT = np.array([0.8, 0.4, -0.6, 0.0])
TIMELINES = ["0-3 months", "3-6 months", "6-12 months", "12+ months", "none"]
TIMELINE_P = [0.12, 0.16, 0.22, 0.18, 0.32]
TIMELINE_FIT = np.array([0.6, 0.3, 0.0, -0.2, -0.4])
FREE_MAIL = [
    "gmail.com",
    "yahoo.com",
    "hotmail.com",
    "outlook.com",
    "gmx.de",
    "icloud.com",
]
FREE_MAIL_P = [0.45, 0.12, 0.12, 0.15, 0.08, 0.08]
COMPETITORS = ["rivalscore.com", "leadcompete.io"]
FIRST_NAMES = words(
    "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William "
    "Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Lisa "
    "Matthew Nancy Anthony Sandra Mark Ashley Paul Emily Steven Anna Andrew Laura "
    "Kevin Sophie Brian Emma Lukas Hannah Pierre Camille Jan Sanne Liam Olivia Noah "
    "Chloe Arjun Priya Rahul Ananya Lucas Julia Pedro Mariana Hiroshi Yuki Kenji "
    "Sakura Erik Astrid Oscar Elsa Pablo Lucia Javier Carmen Felix Mia"
)
LAST_NAMES = words(
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez "
    "Hernandez Lopez Wilson Anderson Taylor Thomas Moore Jackson Martin Lee Thompson "
    "White Harris Clark Lewis Walker Young Allen King Wright Scott Green Baker Adams "
    "Nelson Hill Campbell Mitchell Roberts Muller Schmidt Schneider Fischer Weber "
    "Wagner Becker Dubois Durand Leroy Moreau Laurent Jansen DeVries Bakker Visser "
    "Patel Sharma Singh Gupta Kumar Silva Santos Oliveira Souza Tanaka Suzuki Sato "
    "Watanabe Andersson Johansson Karlsson Nilsson Fernandez Gonzalez Sanchez Ramirez "
    "Torres Brown-Wood OConnor MacLeod Novak Kowalski"
)
COMPANY_PREFIXES = words(
    "Acme Apex Blue Bright Cedar Cloud Crest Delta Ever Falcon Granite Harbor Horizon "
    "Iron Keystone Lumen Maple Meridian Nimbus North Nova Oak Orbit Peak Pine Pioneer "
    "Quantum River Sky Solid Summit Terra Titan True Union Vertex Vista West Zenith "
    "Atlas Beacon Cobalt Echo Fusion Helix"
)
COMPANY_CORES = words(
    "Systems Labs Works Group Partners Solutions Dynamics Analytics Networks Health "
    "Logistics Capital Media Foods Energy Digital Industries Consulting Robotics Bank"
)
OWNERS = [f"usr_{i:03d}" for i in range(1, 41)]

SITE = "https://www.example-saas.com"
HIGH_INTENT_PAGES = ["/pricing", "/pricing/enterprise", "/demo"]
HIGH_INTENT_P = [0.5, 0.15, 0.35]
BLOG_SLUGS = [
    "what-is-lead-scoring",
    "mql-vs-sql",
    "b2b-marketing-trends",
    "how-to-score-leads",
    "intent-data-101",
    "email-nurture-playbook",
    "account-based-marketing",
    "marketing-ops-checklist",
    "crm-hygiene",
    "webinar-best-practices",
]
DOC_SLUGS = [
    "getting-started",
    "api",
    "integrations/salesforce",
    "integrations/hubspot",
    "scoring-rules",
    "sso",
]
JOB_SLUGS = [
    "data-engineer",
    "account-executive",
    "product-designer",
    "marketing-intern",
]
LOW_INTENT_PAGES = (
    [
        "/",
        "/product",
        "/product/features",
        "/product/integrations",
        "/customers",
        "/contact",
        "/webinars",
    ]
    + [f"/blog/{s}" for s in BLOG_SLUGS]
    + [f"/docs/{s}" for s in DOC_SLUGS]
)
LOW_INTENT_P = np.array(
    [0.20, 0.12, 0.10, 0.06, 0.06, 0.03, 0.05]
    + [0.26 / len(BLOG_SLUGS)] * len(BLOG_SLUGS)
    + [0.12 / len(DOC_SLUGS)] * len(DOC_SLUGS)
)
CAREER_PAGES = ["/careers"] + [f"/careers/{s}" for s in JOB_SLUGS]
VIDEO_PAGES = ["/product", "/webinars", "/demo"]
ASSET_FILES = [
    "whitepaper-roi.pdf",
    "ebook-lead-scoring-guide.pdf",
    "datasheet-platform.pdf",
    "case-study-northwind.pdf",
    "checklist-marketing-ops.pdf",
    "report-state-of-b2b.pdf",
]
ASSET_TITLES = [
    "The ROI of Lead Scoring (whitepaper)",
    "Lead Scoring Guide (e-book)",
    "Platform Datasheet",
    "Northwind Case Study",
    "Marketing Ops Checklist",
    "State of B2B Marketing Report",
]
BROWSER_AGENTS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
]
BROWSER_P = [0.38, 0.17, 0.08, 0.12, 0.13, 0.08, 0.04]
BOT_AGENTS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/122.0.6261.94 Safari/537.36",
    "python-requests/2.31.0",
    "curl/8.5.0",
]
# Share of web sessions that arrive with UTM tags (the rest: direct, organic search, untagged).
UTM_SESSION_SHARE = 0.3
# utm_source, utm_medium, utm_campaign, share among tagged sessions: paid search, paid and
# organic social, e-mail links, referrals. A source may be missing (an ad without utm_source).
UTMS = [
    ("google", "cpc", "brand-search", 0.13),
    ("google", "cpc", "lead-scoring-generic", 0.10),
    ("bing", "cpc", "brand-search", 0.04),
    (None, "cpc", "display-retargeting", 0.02),
    ("linkedin", "paid_social", "abm-q2", 0.08),
    ("facebook", "paid_social", "retargeting", 0.05),
    ("twitter", "paid_social", "launch-promo", 0.02),
    ("linkedin", "social", "organic-post", 0.10),
    ("facebook", "social", "organic-post", 0.05),
    ("twitter", "social", "organic-post", 0.04),
    ("newsletter", "email", "monthly-newsletter", 0.12),
    ("nurture", "email", "onboarding-nurture", 0.06),
    ("sales", "email", "demo-invitation", 0.03),
    ("partner-portal", "referral", "partner-program", 0.07),
    ("g2", "referral", "reviews", 0.06),
    ("capterra", "referral", "reviews", 0.03),
]
UTM_P = [x[3] for x in UTMS]
# share of tagged landings whose tags are written in another letter case (`LinkedIn`, `CPC`)
UTM_MIXED_CASE_SHARE = 0.1
WEB_EVENT_TYPES = ["page_view", "link_click", "video_progress", "file_download"]
WEB_EVENT_P = [0.74, 0.14, 0.07, 0.05]
CAMPAIGN_TYPES = ["newsletter", "nurture", "promotion", "sales"]
CAMPAIGN_TYPE_P = [0.4, 0.3, 0.2, 0.1]
# share of contacts a campaign of that type reaches
CAMPAIGN_REACH = np.array([0.45, 0.18, 0.25, 0.08])
CAMPAIGN_NAMES = {
    "newsletter": ["Monthly Newsletter", "Product Update", "Customer Stories Digest"],
    "nurture": ["Onboarding Nurture", "Lead Scoring 101 Nurture", "ROI Nurture"],
    "promotion": ["Spring Promotion", "Webinar Invite", "Annual Plan Discount"],
    "sales": ["Sales Follow-up", "Demo Invitation", "Pricing Check-in"],
}
EVENT_TYPES = ["webinar", "seminar", "conference", "live_demo"]
EVENT_TYPE_P = [0.5, 0.2, 0.1, 0.2]
EVENT_MINUTES = np.array([60, 180, 480, 45])
EVENT_TOPICS = [
    "Lead Scoring 101",
    "Intent Data in Practice",
    "From MQL to Revenue",
    "Marketing Ops Summit",
    "Product Deep Dive",
    "ABM Masterclass",
]
FORM_TYPES = [
    "newsletter_signup",
    "content_download",
    "contact_request",
    "demo_request",
    "event_registration",
]
FORM_PAGES = {
    "newsletter_signup": ["/", "/blog/what-is-lead-scoring", "/blog/mql-vs-sql"],
    "content_download": ["/blog/how-to-score-leads", "/customers", "/product"],
    "contact_request": ["/contact"],
    "demo_request": ["/demo", "/pricing"],
    "event_registration": ["/webinars"],
}
DEAL_STAGES = ["open", "won", "lost"]

# Dirty values
UNPARSABLE = ["not-a-date", "N/A", "2024-13-45 10:00:00", "yesterday"]
UNKNOWN_TYPES = {
    "web_events": ["scroll_depth", "session_start"],
    "email_events": ["delivered", "spam_report"],
    "form_submissions": ["job_application", "webinar_feedback"],
    "event_attendance": ["meetup", "workshop"],
    "crm_deals": ["negotiation", "qualified"],
    "email_campaigns": ["transactional", "survey"],
}
