"""Words the demo portfolio is written in: services, kinds of change, suppliers, risks, benefits.

Plain data. People are named by role title, never by personal name (brief §6); supplier names
are invented.
"""

SUBJECTS = (
    "Payroll",
    "Case Management",
    "Housing Register",
    "School Admissions",
    "Electronic Patient Record",
    "Land and Property Register",
    "Income Tax Assessment",
    "Social Security Payments",
    "Fleet Management",
    "Estates and Asset Management",
    "Library Services",
    "Licensing",
    "Planning Applications",
    "Waste Collection",
    "Court Records",
    "Police Records",
    "Customer Contact Centre",
    "Identity and Access",
    "Finance Ledger",
    "Procurement",
    "Records Management",
    "Data Centre",
    "Network",
    "Cyber Security",
    "Telephony",
    "Intranet",
    "Document Management",
    "Business Intelligence",
    "Grants Administration",
    "Parking Enforcement",
    "Environmental Health Inspections",
    "Children's Social Care",
    "Adult Social Care",
    "Prison Management",
    "Border and Immigration",
    "Vehicle Registration",
    "Population Register",
    "Public Health Surveillance",
    "Ambulance Dispatch",
    "Highways Maintenance",
)
CHANGES = (
    "Replacement",
    "Modernisation",
    "Migration to Cloud",
    "Digitisation",
    "Consolidation",
    "Upgrade",
    "Implementation",
    "Transformation",
    "Rationalisation",
    "Online Service",
    "Self-Service Portal",
    "Data Platform",
)
WORKSTREAMS = (
    "Discovery",
    "Design",
    "Build",
    "Data Migration",
    "Integration",
    "Training",
    "Decommissioning",
    "Pilot",
    "Roll-out",
    "Tranche",
)
SRO_TITLES = (
    "Director General, {department}",
    "Chief Digital Officer",
    "Director of Modernisation and Digital",
    "Director of Customer Services",
    "Director of Finance, {department}",
    "Head of Business Change, {department}",
    "Chief Information Officer",
    "Director of Operations, {department}",
)
PROCUREMENT_ROUTES = (
    "Open tender",
    "Restricted procedure",
    "Call-off from a Crown Commercial Service framework",
    "G-Cloud call-off",
    "Competitive dialogue",
    "Direct award under an existing framework",
)
FUNDING_SOURCES = (
    "Government Plan, Technology Transformation Programme allocation",
    "Departmental revenue budget",
    "Capital programme",
    "Government Plan, departmental investment",
    "Efficiencies reinvestment fund",
)
LOTS = (
    "Software licences",
    "Systems integration",
    "Data migration",
    "Hardware",
    "Managed service",
    "Implementation partner",
    "Training and change",
    "Hosting",
)
SUPPLIER_FIRST = ("Granite", "Harbour", "Meridian", "Castle", "Northfield", "Tidewater", "Beacon")
SUPPLIER_SECOND = ("Systems", "Digital", "Consulting", "Technologies", "Solutions", "Partners")
MILESTONES = (
    "Contract signed",
    "Design signed off",
    "Build complete",
    "User acceptance testing passed",
    "Data migrated",
    "Go live",
    "Legacy system switched off",
    "Handover to business as usual",
)
RISKS = (
    ("Data migration quality", "Head of Data"),
    ("Supplier capacity to deliver on time", "Commercial Lead"),
    ("Skills shortage in the delivery team", "Head of Business Change"),
    ("Integration with legacy systems", "Enterprise Architect"),
    ("Scope creep", "Programme Director"),
    ("Benefits not realised", "Benefits Realisation Manager"),
    ("Funding not confirmed beyond this year", "Finance Business Partner"),
    ("Low take-up by service users", "Head of Customer Services"),
    ("Cyber security vulnerabilities", "Chief Information Security Officer"),
)
BENEFITS = (
    ("Reduced licence and support costs", "cash_releasing", True),
    ("Staff time released from manual processing", "productivity", True),
    ("Faster decisions for service users", "non_financial", False),
    ("Avoided cost of an emergency replacement", "cost_avoidance", False),
    ("Fewer errors and overpayments", "efficiency", True),
    ("Income from improved collection", "commercial", True),
    ("Better data for decision making", "non_financial", False),
)
OBJECTIVES = (
    "Improve access to {subject} services for Islanders",
    "Reduce the cost of running {subject}",
    "Make {subject} available online at any time",
    "Give staff modern tools for {subject}",
    "Improve the quality and security of {subject} data",
)
KPIS = (
    "Percentage of {subject} transactions completed online",
    "Average days to resolve a {subject} request",
    "Cost per {subject} transaction",
    "Customer satisfaction with {subject}",
)
CONDITIONS = (
    "Confirm the funding profile with Treasury before the next gate",
    "Appoint a full-time benefits realisation manager",
    "Complete a data protection impact assessment",
    "Agree the target operating model with the service",
    "Revise the risk register after the independent assurance review",
    "Produce a decommissioning plan for the legacy system",
)
OPTIONS = ("Business as usual", "Upgrade in place", "Replace with a cloud service")
