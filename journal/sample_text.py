"""Text pools and odds for the generated sample journal (see :mod:`journal.sample`).

Short items are separated by semicolons, sentences by new lines, so the pools
stay compact and easy to extend. Everything here is invented.
"""

from __future__ import annotations


def _items(block: str, sep: str = ";") -> tuple[str, ...]:
    """The non-empty items of a block, split on ``sep`` and on new lines."""
    return tuple(i.strip() for line in block.splitlines() for i in line.split(sep) if i.strip())


def _table(block: str) -> dict[str, tuple[str, ...]]:
    """``key: item; item`` lines as a dict (a key may span several lines)."""
    out: dict[str, tuple[str, ...]] = {}
    for line in block.strip().splitlines():
        key, _, rest = line.partition(":")
        out[key.strip()] = out.get(key.strip(), ()) + _items(rest)
    return out


def _rows(block: str) -> tuple[tuple[str, ...], ...]:
    return tuple(_items(line, "|") for line in block.strip().splitlines())


# Odds: (choices, cumulative weights) pairs and per-channel tables.
RANKS = ((1, 2, 3, 4, 5, None), (10, 30, 60, 80, 90, 100))
RANK_WEIGHT = {1: 1.6, 2: 1.4, 3: 1.2, 4: 1.0, 5: 0.9, None: 0.8}
CADENCES = {  # by rank: (choices, cumulative weights)
    1: ((7, 14, 30), (3, 8, 10)),
    2: ((14, 30, 60), (3, 8, 10)),
    3: ((14, 30, 60, 90, None), (2, 8, 14, 18, 20)),
    4: ((30, 60, 90, None), (4, 8, 11, 13)),
    5: ((60, 90, None), (2, 4, 5)),
    None: ((30, 90, None), (1, 3, 5)),
}
STAGES = (("prospect", "new", "active", "partner", "dormant"), (4, 14, 70, 92, 100))
CHANNEL_CUM = (22, 42, 60, 68, 76, 81, 86, 88, 90, 94, 99, 100)  # in records.CHANNELS order
#: Chance that a business contact on that channel is formal (others: 0.5).
FORMAL = {"meeting": 0.9, "conference": 0.9, "seminar": 0.9, "visit": 0.9, "coffee": 0.1}
FORMAL |= {"lunch": 0.1, "social": 0.05, "event": 0.2}
#: Minutes spent, (least, most), per channel.
SPENT = {"meeting": (30, 120), "call": (5, 45), "email": (5, 20), "message": (2, 10)}
SPENT |= {"coffee": (30, 60), "lunch": (60, 90), "event": (90, 240), "conference": (120, 480)}
SPENT |= {"seminar": (60, 180), "social": (60, 180), "visit": (120, 360), "other": (10, 60)}
GOALS = {  # metric: (text, lowest target, highest target)
    "informal": ("Informal contacts", 3, 6),
    "formal": ("Formal meetings", 6, 12),
    "new_people": ("Meet new people", 1, 3),
    "events": ("Attend events", 1, 2),
    "personal": ("Personal conversations", 2, 4),
    "shared": ("Share useful information", 2, 5),
    "minutes": ("Minutes in stakeholder activity", 600, 1200),
}

FIRST_NAMES = _items(
    """Amara Kenji Priya Mateo Siobhan Tariq Leilani Bjorn Chioma Dmitri Ayesha Rafael Mei
    Olusegun Ingrid Rohan Yasmin Tomasz Nalani Kwame Elodie Hamid Sakura Diego Freya Joseph
    Aiyana Samuel Fatima Liam Noor Pierre Wen Marguerite Raven Arjun Zainab Mikael Lucia Hemi
    Daniel Anika Gabriel Thandiwe Colin Rosa Haruto Simone Catherine Winona Ibrahim Nadia Oskar
    Leah Manuel Jasmine Ravi Bernadette Eitan Grace Tenzin Ana Dakota Hugo Mariam Felix Aroha
    Connor Esperanza Sven Lin Marcus Keira Mohammed Sunita Ewan Ximena Jae-won Ngozi Tobias""",
    " ",
)
LAST_NAMES = _items(
    """Okafor Tanaka Sharma Alvarez O'Neill Haddad Kahale Lindqvist Eze Volkov Siddiqui Moreau
    Chen Adeyemi Larsen Menon Rahimi Kowalski Keawe Mensah Gagnon Karimi Sato Herrera Nilsen
    Whitehorse Tremblay Bear Nakamura Fitzgerald Bouchard Nguyen Castellanos Morningstar Patel
    Abubakar Johansson Ferreira Ngata Cohen Rao Dubois Mokoena MacLeod Rossi Yamamoto Lefebvre
    Thunderbird Hussain Novak Kaur Ortega Begay Andersen Li Santos Petit Osei Mackenzie Laroche
    Ivanova Cardinal Singh Kim Delgado Mercier Bergstrom Okonkwo Whitford Bianchi Takahashi""",
    " ",
)

#: ``category | name | tags | email domain``.
ORGANIZATIONS = _rows(
    """
    gov | Ministry of Natural Resources and Forests | policy,forestry | mnrf.example.gov
    gov | Northern Region Fire Management Centre | wildfire | mnrf.example.gov
    gov | Ministry of Environment and Climate | policy,water | mec.example.gov
    gov | Regional Emergency Management Office | wildfire,community | remo.example.gov
    company | Lakehead Sawmills Ltd. | forestry,industry | lakeheadsaw.example.com
    company | Boreal Pulp and Paper | forestry,industry | borealpulp.example.com
    company | Greenway Hydro Generation | energy,water | greenwayhydro.example.com
    company | Tamarack Minerals Inc. | mining,permits | tamarack.example.com
    company | Silver Birch Aggregates | mining,permits,community | silverbirch.example.com
    company | Northwind Aviation | wildfire,industry | northwind.example.com
    nation | Whitefish Bay First Nation | indigenous-relations,community | wbfn.example.ca
    nation | Red Cedar Lake Anishinaabe Nation | indigenous-relations,forestry | rcln.example.ca
    nation | Mamaweswen Tribal Council | indigenous-relations,policy | mamaweswen.example.ca
    nation | Grassy River Metis Council | indigenous-relations,wildlife | grmc.example.ca
    municipality | Township of Pine Falls | community,permits | pinefalls.example.ca
    municipality | City of Kenora Hollow | community,tourism | kenorahollow.example.ca
    municipality | Municipality of Greystone | community,water | greystone.example.ca
    association | Ontario Woodlot Owners Association | forestry,community | woodlots.example.org
    association | Northern Outfitters and Lodges Association | tourism,wildlife | nola.example.org
    association | Federation of Anglers and Hunters | wildlife,water | fah.example.org
    association | Trail and Snowmobile Clubs Federation | tourism,community | trails.example.org
    association | North Shore Tourism Partnership | tourism,industry | northshore.example.org
    ngo | Watershed Conservation Authority | water,research | wca.example.org
    ngo | Friends of the Boreal | policy,wildlife | friendsboreal.example.org
    ngo | Canadian Parks Trust | tourism,policy | parkstrust.example.org
    ngo | Regional Economic Development Board | industry,policy | redb.example.ca
    university | Lakeland University Faculty of Forestry | research,forestry | lakeland.example.edu
    university | Northern Institute of Technology | research,wildfire | nit.example.edu
    university | Centre for Watershed Science | research,water | cws.example.edu
    union | Forest Products Workers Union Local 211 | industry,forestry | fpwu211.example.org
    media | Northern Daily News | media,community | northerndaily.example.com
    group | Forest Management Plan Local Citizens Committee | forestry,community | fmp-lcc.example.ca
    group | Wildfire Smoke Working Group | wildfire,research | mnrf.example.gov
    group | Indigenous Knowledge Advisory Circle | indigenous-relations,policy | mnrf.example.gov
    group | Northern Water Levels Roundtable | water,energy | mnrf.example.gov
    group | Caribou Range Planning Table | wildlife,policy | mnrf.example.gov
    group | Youth Forestry Council | forestry,community | youthforestry.example.org"""
)

ROLES = _table(
    """gov: Regional director; District manager; Policy analyst; Fire operations manager
    gov: Permits supervisor; Program manager; Assistant deputy minister; Area biologist
    company: Woodlands manager; Chief forester; Vice-president, operations; Plant manager
    company: Environmental coordinator; Community relations lead; Chief executive officer
    nation: Chief; Band councillor; Lands and resources coordinator; Elder; Economic development officer
    municipality: Mayor; Councillor; Chief administrative officer; Planning director; Fire chief
    association: Executive director; Board chair; Policy director; Member services lead
    ngo: Executive director; Campaign director; Conservation biologist; Program coordinator
    university: Professor; Research scientist; Graduate researcher; Dean; Extension forester
    union: President; Health and safety representative; Business agent
    media: Reporter; Editor
    group: Chair; Secretary; Member"""
)

MANDATES = _table(
    """gov: Deliver the provincial mandate for forests, fire and land in the region
    company: Run a profitable operation with a secure, certified wood supply
    nation: Govern for the Nation and protect its lands, waters and rights
    municipality: Keep residents safe and grow the local economy
    association: Speak for members in provincial policy and markets
    ngo: Protect wild places and hold decision-makers to account
    university: Advance research and train the next generation of practitioners
    union: Protect members' jobs, wages and safety
    media: Inform readers about what affects their region
    group: Advise the ministry on one planning question, by consensus"""
)

TAGS = _items(
    """forestry; wildfire; water; permits; community; research; industry; policy
    indigenous-relations; tourism; wildlife; mining; energy; media"""
)

TOPICS = _table(
    """forestry: the draft forest management plan; annual harvest allocations; road access through the north block
    forestry: the silviculture survey results; the spruce budworm outlook; wood supply commitments for next year
    wildfire: the fire season outlook; community evacuation planning; the prescribed burn window
    wildfire: aerial crew staffing; FireSmart grants for cottage areas; smoke forecasting for the region
    water: spring water levels on the lake chain; the watershed monitoring results; dam operating rules
    water: shoreline erosion near the narrows; drinking water source protection
    permits: the work permit backlog; an aggregate licence renewal; crown land use permits for the trail
    permits: the new online permit portal; conditions on the culvert replacement permit
    community: the open house schedule; local hiring on the new contracts; the community forest proposal
    community: volunteer support for the clean-up day; broadband along the highway corridor
    research: the long-term growth plot data; a joint funding application; student placements for the summer
    research: remote sensing of burn severity; sharing the caribou collar data
    industry: mill restart timelines; market conditions for softwood lumber; the regional workforce strategy
    industry: biomass supply for the new boiler; transportation costs on the rail spur
    policy: the proposed endangered species regulation; the provincial land-use strategy
    policy: changes to the stumpage formula; the climate adaptation framework; a briefing for the deputy minister
    indigenous-relations: the consultation protocol; traditional knowledge in the management plan
    indigenous-relations: a capacity funding agreement; harvest near a sacred site; the revenue sharing arrangement
    tourism: remote tourism values in the harvest area; canoe route maintenance; a new snowmobile trail alignment
    wildlife: moose population estimates; the caribou range plan; fishing regulation changes
    mining: the exploration plan notice; the mine closure plan; tailings monitoring results
    energy: the hydro station refurbishment; the proposed transmission corridor; solar on the old mill site
    media: an upcoming story on the fire season; a request for an interview; coverage of the public meeting"""
)

#: Headline openers per channel; ``{t}`` is the topic.
OPENERS = _table(
    """meeting: Walked through {t}; Met to go over {t}; Reviewed {t} together
    call: Called about {t}; Quick call on {t}; Returned their call about {t}
    email: Sent an update on {t}; Answered their questions on {t}
    message: Texted a heads-up on {t}; Checked in about {t}
    coffee: Coffee and a catch-up, touching on {t}; Met for coffee, talked about {t}
    lunch: Lunch together, mostly about {t}; Working lunch on {t}
    event: Spoke at the open house about {t}; Ran into them at the community event: {t}
    conference: Chatted at the conference about {t}; Panel on {t}, talked afterwards
    seminar: Attended their seminar on {t}; Co-presented at a seminar on {t}
    social: Saw them at the community dinner and talked about {t}
    visit: Site visit to look at {t}; Field tour focused on {t}
    other: Touched base on {t}"""
)

#: Typical local times per channel, in minutes after midnight: (earliest, latest).
HOURS = {"coffee": (450, 630), "lunch": (690, 780), "social": (1050, 1230), "event": (1020, 1200)}

PERSONAL_HEADLINES = _items(
    """Talked about their kids starting university; Caught up on their fishing trip up north
    Compared notes on training for the spring half-marathon; Heard about their new grandchild
    Talked hockey, their daughter made the regional team; Chatted about the garden and the late frost
    Swapped canoe trip stories from the summer; Talked about their recovery after surgery"""
)

DETAILS = _items(
    """They are under pressure from their board to show progress before the fall.
    Raised concerns about the timeline and how little notice they got last time.
    Agreed to share the field data once it has been checked.
    Asked whether the ministry could attend their next members' meeting.
    Mentioned that staff turnover has slowed them down this year.
    Wants more detail on how their comments were used.
    Suggested a joint site visit before the decision.
    Was surprised the maps had changed since the last draft.
    Noted that the community expects to hear about local jobs.
    Offered to introduce me to their new operations lead.
    Pointed out a gap between the policy intent and what happens on the ground.
    Confirmed the council will table the item next month.
    Flagged that the budget for next year is still uncertain.""",
    "\n",
)

REACTIONS = _items(
    """Receptive, asked good follow-up questions; Very positive, thanked me for the early notice
    Frustrated at first, calmer once we went through the options; Appreciated the informal tone
    Guarded: wants to see it in writing before committing; Relieved their main concern was handled
    Skeptical about the dates but willing to keep talking; Polite but distracted, a lot going on
    Engaged, took notes and promised to brief their team"""
)

NEEDS = _items(
    """A plain-language summary to share with members; Early warning before any announcement
    A single contact for permit questions; Data in a format their analysts can use
    Recognition of their traditional knowledge; Certainty about timelines for business planning"""
)

EXPECTATIONS = _items(
    """Met: they got the answer they came for; Partly met, the cost question is still open
    Not met yet, I owe them the revised map; Exceeded: they did not expect the field visit offer
    Met, though it took two tries to explain the process"""
)

THEIR_VIEW = _items(
    """They feel decisions are made far away without them; Sees the ministry as slow but well-meaning
    Probably worried about how this looks to their members; Unsure who to trust after the reorganization
    They want to be partners, not just consulted; Under time pressure: every delay costs them money
    Proud of what they have already done and wants it recognized"""
)

DIFFERENTLY = _items(
    """Send the agenda a few days earlier; Listen longer before presenting options
    Bring a map instead of describing the area; Ask about their priorities before raising mine
    Follow up the same day, not the next week; Invite their technical lead too
    Keep it shorter, they only had twenty minutes"""
)

NEXT_TIME = _items(
    """Ask how the members' meeting went; Bring the updated timeline; Suggest meeting on their site
    Check whether the funding came through; Follow up on the data sharing agreement
    Ask about their family trip; Propose a regular monthly check-in"""
)

FOLLOW_UPS = _items(
    """Send the meeting notes; Share the revised map; Book the site visit; Send the briefing note
    Confirm the consultation dates; Introduce them to the permits team; Draft a letter of support
    Check the status of their application; Forward the research summary
    Ask the district office about the road closure"""
)

SHARED = _items(
    """Fire season outlook slides; Draft harvest maps for the north block; Link to the new permit guide
    Summary of the watershed report; Article on community forests in Scandinavia
    Details of the upcoming funding program; Notes from the regional roundtable"""
)

MET_HOW = _items(
    """Introduced by my director at the regional roundtable; Met at the annual forestry conference
    They called about a permit application; Community open house on the management plan
    Worked together during the wildfire evacuation; Referred by a colleague in the district office
    Met at a hockey tournament in town; Sat next to them at a university lecture
    Through the consultation on the land-use strategy"""
)

VALUES = _items(
    """Local jobs and a stable wood supply; Respect for treaty rights and early engagement
    Clean water and healthy fisheries; Predictable, transparent permitting; Evidence and good data
    Wilderness experiences for their guests; Safety of residents during fire season
    Being heard before decisions are made"""
)

MANDATE_DIRECTION = _items(
    """Shifting toward climate adaptation and resilience
    Growing focus on reconciliation and shared decision-making
    More emphasis on economic recovery after the mill closures
    Moving from advocacy to delivering programs themselves
    New board wants a more confrontational stance; Expanding into carbon and ecosystem services"""
)

CRITICAL_ISSUES = _items(
    """Wood supply shortfall after the fires; Permit delays holding up projects
    Declining caribou numbers; Housing shortage limits hiring; Low water levels affecting fish
    Capacity to answer consultation requests; Rising insurance costs after wildfire seasons"""
)

ASSUMPTIONS = _items(
    """Expects longer and more severe fire seasons; Assumes provincial funding will shrink
    Believes lumber markets will recover within two years; Expects stricter species-at-risk rules
    Assumes the mill will not reopen; Expects tourism to keep growing after the new highway"""
)

PERSONAL = _items(
    """Two teenagers, coaches minor hockey; Avid paddler, long canoe trip every August
    Runs marathons; Keeps bees and sells honey at the farmers market; Curls on Thursday nights
    Grandparent of four, volunteers at the food bank; Hunts moose every fall with family
    Plays fiddle at community events; Birdwatcher, keeps a yearly list"""
)

NOTES = _items(
    """Prefers phone calls to email; Best reached early in the morning; Very responsive by text message
    Likes a written summary after every meeting; Speaks plainly and appreciates the same
    Close to the mayor: more informal influence than the title suggests
    New in the role, still building their own network
    Remembers the 2011 dispute well, so approach it carefully"""
)

#: Reflection prompts by id.
PROMPTS = {
    "daily-1": "Who did you learn something new from today?",
    "daily-2": "Which relationship did you move forward today, even a little?",
    "daily-3": "Whom have you not heard from in a while, and why?",
    "after-1": "What did they care about most in that conversation?",
    "after-2": "What would you say differently if you had the chance again?",
    "after-3": "Which of their needs could you meet before they ask?",
    "weekly-1": "Which contact this week was informal, and what did it give you?",
    "weekly-2": "Where did you share something useful without being asked?",
    "monthly-1": "How balanced were your formal and informal contacts this month?",
    "monthly-2": "Which mandate changed this month, and who told you first?",
    "stakeholder-1": "What do they value that you have not acknowledged yet?",
    "stakeholder-2": "What do you bring to this relationship?",
}

ANSWERS = _items(
    """I mostly talked about our timelines; next time I should ask about theirs first.
    The informal coffee did more for trust than the formal meeting last month.
    They care less about the map than about being asked early.
    I realised I only call when I need something. I want to change that.
    Sharing the research summary opened a much better conversation.
    Their mandate is shifting toward climate adaptation; I should read their new plan.
    I was defensive when they criticised the process. Listening first would have helped.
    Good week: three informal contacts and one new person met.
    I bring technical knowledge of the permit process and a direct line to the district.
    I still do not know what their members expect from this year.""",
    "\n",
)

MANUAL_GOALS = _items(
    """Join the board of the trail association; Read the Nation's new land-use plan
    Ask two peers for feedback on how I build relationships
    Attend a community event outside work hours; Update the stakeholder map with the new council
    Write down what I learned from shadowing a senior colleague"""
)

PROMISES_MINE = _items(
    """Send the revised harvest maps; Arrange a meeting with the district manager
    Share the consultation summary; Confirm the funding decision; Provide the water level data"""
)

PROMISES_THEIRS = _items(
    """Send comments on the draft plan; Share their members' survey results
    Confirm the council meeting date; Introduce me to their new director; Provide the site photos"""
)

SHARE_TITLES = _items(
    """Wildfire season outlook for the north; Community forests: lessons from three regions
    New guide to crown land work permits; Watershed report card summary
    Caribou range planning update; Funding program for rural broadband
    Research brief on burn severity mapping; Tourism and forestry: sharing the landscape
    Climate adaptation for small municipalities"""
)

#: Stakeholder profile fields: (field, chance added to the rank's fill rate, pool).
PROFILE = (
    ("met_how", 0.1, MET_HOW),
    ("values", 0.0, VALUES),
    ("mandate_direction", -0.2, MANDATE_DIRECTION),
    ("critical_issues", 0.0, CRITICAL_ISSUES),
    ("assumptions", -0.2, ASSUMPTIONS),
)

#: Optional interaction fields: (field, chance, business contacts only, pool).
ENTRY_FIELDS = (
    ("reaction", 0.7, False, REACTIONS),
    ("needs", 0.35, True, NEEDS),
    ("expectations", 0.3, True, EXPECTATIONS),
    ("their_view", 0.4, False, THEIR_VIEW),
    ("differently", 0.22, False, DIFFERENTLY),
    ("next_time", 0.35, False, NEXT_TIME),
    ("shared", 0.12, True, SHARED),
)
