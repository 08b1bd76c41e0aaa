"""Data tables of the demo: the partnership's delegations, the host companies, names.

Every organisation, product and person here is fictional, except the five cluster
organisations of the example ESCP-4i partnership (their profiles use fictional domains).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from matchmaker.models import OrganisationType, Phase

SME = OrganisationType.SME
LARGE = OrganisationType.LARGE_COMPANY
CLUSTER = OrganisationType.CLUSTER
RTO = OrganisationType.RTO
INVESTOR = OrganisationType.INVESTOR
PUBLIC = OrganisationType.PUBLIC_BODY

# Sectors (the partnerships' sectors, with industrial production split out).
ICT = "ICT and micro-electronics"
PRODUCTION = "Industrial production"
MOBILITY = "Mobility and transport"
ENVIRONMENT = "Environmental technologies"
HEALTH = "Health and biotech"
SPACE = "Space"
AGROFOOD = "Agro-food and packaging"
CONSTRUCTION = "Construction"
SECTORS = (ICT, PRODUCTION, MOBILITY, ENVIRONMENT, HEALTH, SPACE, AGROFOOD, CONSTRUCTION)

# Industry 4.0 technologies.
IOT = "Internet of Things"
ROBOTICS = "Robotics"
AI = "Artificial intelligence"
ADDITIVE = "Additive manufacturing"
CYBER = "Cybersecurity"
TWINS = "Digital twins"
PLASMA = "Plasma technologies"
VISION = "Machine vision"
EDGE = "Edge computing"
PREDICTIVE = "Predictive maintenance"
XR = "Augmented and virtual reality"
CLOUD = "Cloud and data platforms"
EMBEDDED = "Embedded systems"
AUTOMATION = "Industrial automation"
SENSORS = "Sensors and photonics"
SIMULATION = "Simulation and serious games"
WIRELESS = "5G and wireless connectivity"
ENERGY = "Energy efficiency"
TECHNOLOGIES = (
    IOT,
    ROBOTICS,
    AI,
    ADDITIVE,
    CYBER,
    TWINS,
    PLASMA,
    VISION,
    EDGE,
    PREDICTIVE,
    XR,
    CLOUD,
    EMBEDDED,
    AUTOMATION,
    SENSORS,
    SIMULATION,
    WIRELESS,
    ENERGY,
)


@dataclass(frozen=True)
class OrganisationSpec:
    """An organisation of the demo and how many people it sends; `booth` for exhibitors."""

    name: str
    type: OrganisationType
    city: str
    sectors: tuple[str, ...]
    technologies: tuple[str, ...]
    description: str
    offers: str
    requests: str
    people: int = 1
    booth: str | None = None


@dataclass(frozen=True)
class Delegation:
    """The organisations of one country: a cluster (or none, for hosts) and its members."""

    country: str
    cluster: str
    phone_prefix: str
    first_names: str  # space-separated
    last_names: str
    organisations: tuple[OrganisationSpec, ...]


@dataclass(frozen=True)
class EventSpec:
    """A demo mission with its one B2B event."""

    mission_slug: str
    mission_name: str
    partnership: str
    target_market: str
    mission_start: date
    mission_end: date
    mission_description: str
    slug: str
    name: str
    description: str
    venue: str
    timezone: str
    days: tuple[date, ...]
    blocks: tuple[tuple[str, time, time], ...]
    slot_minutes: int
    break_minutes: int
    phase: Phase
    default_max_meetings: int
    tables: int
    table_places: tuple[str, ...]
    registration_deadline: tuple[date, time]
    preferences_deadline: tuple[date, time]


LIMIT_MUST = 5
LIMIT_WANT = 15
"""How many people one participant may mark "must" and "want" (no limit on "maybe")."""

PARTNERSHIP = 'ESCP-4i "Industry 4.0": digital technologies for manufacturing'

HANNOVER = EventSpec(
    mission_slug="eu-us-hannover-messe-2027",
    mission_name="EU–US Cluster Partnership at Hannover Messe",
    partnership=PARTNERSHIP,
    target_market="USA",
    mission_start=date(2027, 4, 18),
    mission_end=date(2027, 4, 21),
    mission_description=(
        "Six European clusters bring a joint delegation of Industry 4.0 SMEs to Hannover "
        "Messe to meet manufacturers, integrators, research institutes and investors from "
        "the United States, the first of the partnership's six priority markets."
    ),
    slug="hannover-messe-2027",
    name="EU–US Cluster B2B at Hannover Messe",
    description=(
        "Two days of pre-arranged 30-minute meetings between the European delegation and "
        "US host companies, in the B2B area of Hall 8 or at the exhibitors' booths."
    ),
    venue="Hannover Messe, Hall 8 B2B area",
    timezone="Europe/Berlin",
    days=(date(2027, 4, 19), date(2027, 4, 20)),
    blocks=(("Morning", time(9, 30), time(12, 30)), ("Afternoon", time(14), time(17))),
    slot_minutes=30,
    break_minutes=0,
    phase=Phase.PREFERENCES,
    default_max_meetings=8,
    tables=20,
    table_places=("Hall 8, B2B lounge", "Hall 8, B2B lounge (quiet corner)"),
    registration_deadline=(date(2027, 3, 26), time(23, 59)),
    preferences_deadline=(date(2027, 4, 12), time(23, 59)),
)

COMPUTEX = EventSpec(
    mission_slug="eu-taiwan-computex-2027",
    mission_name="EU–Taiwan Cluster Mission to Computex",
    partnership=PARTNERSHIP,
    target_market="Taiwan",
    mission_start=date(2027, 5, 31),
    mission_end=date(2027, 6, 4),
    mission_description=(
        "A smaller delegation of the partnership visits Computex in Taipei to meet Taiwanese "
        "electronics manufacturers, chip makers and machine-tool builders."
    ),
    slug="computex-2027",
    name="EU–Taiwan matchmaking at Computex",
    description=(
        "Meetings of 25 minutes with a 5-minute change-over, next to the European pavilion."
    ),
    venue="Taipei Nangang Exhibition Center, Hall 1",
    timezone="Asia/Taipei",
    days=(date(2027, 6, 1), date(2027, 6, 2)),
    blocks=(("Morning", time(10), time(12, 30)), ("Afternoon", time(13, 30), time(16, 30))),
    slot_minutes=25,
    break_minutes=5,
    phase=Phase.REGISTRATION,
    default_max_meetings=8,
    tables=10,
    table_places=("Nangang Hall 1, 4F meeting area",),
    registration_deadline=(date(2027, 5, 14), time(23, 59)),
    preferences_deadline=(date(2027, 5, 25), time(23, 59)),
)

PORTUGAL = Delegation(
    country="PT",
    cluster="TICE.PT",
    phone_prefix="+351",
    first_names="Ana João Mariana Pedro Inês Rui Sofia Tiago Catarina Miguel Beatriz Nuno",
    last_names=(
        "Ferreira Costa Almeida Rodrigues Martins Sousa Carvalho Pereira Lopes Teixeira "
        "Gomes Ribeiro"
    ),
    organisations=(
        OrganisationSpec(
            "TICE.PT",
            CLUSTER,
            "Aveiro",
            (ICT,),
            (IOT, CLOUD, CYBER),
            "TICE.PT is the Portuguese cluster of information, communication and electronics "
            "technologies, bringing together SMEs, large companies and universities.",
            "We connect US partners with Portuguese ICT suppliers and organise joint "
            "pilots, visits and follow-up missions.",
            "We want to meet US industry associations and economic development agencies "
            "to set up a permanent soft-landing programme for our SMEs.",
        ),
        OrganisationSpec(
            "Alvora Sensing",
            SME,
            "Aveiro",
            (ICT, PRODUCTION),
            (IOT, EDGE, SENSORS),
            "Alvora Sensing designs low-power wireless sensor nodes that retrofit old machine "
            "tools for condition monitoring within an afternoon.",
            "Battery-powered vibration, temperature and current sensors with a LoRaWAN "
            "gateway and an open MQTT interface, already installed in 40 European plants.",
            "We are looking for US system integrators and distributors serving machine shops, "
            "and for a manufacturer willing to run a three-month pilot.",
            people=2,
            booth="Hall 8, Booth C23",
        ),
        OrganisationSpec(
            "Ribeira Data Labs",
            SME,
            "Porto",
            (ICT,),
            (AI, PREDICTIVE, CLOUD),
            "Ribeira Data Labs builds machine-learning models that predict failures of pumps, "
            "compressors and conveyors from existing PLC data.",
            "A predictive maintenance service that needs no new sensors, with models trained "
            "on more than two million machine hours.",
            "We seek US manufacturers with large installed fleets of rotating equipment, and "
            "sensor makers to bundle our analytics with their hardware.",
            people=2,
        ),
        OrganisationSpec(
            "Cávado Robotics",
            SME,
            "Braga",
            (PRODUCTION,),
            (ROBOTICS, VISION, AUTOMATION),
            "Cávado Robotics integrates collaborative robot cells for finishing, gluing and "
            "packing in the textile and footwear industries.",
            "Turnkey cobot cells with vision-guided picking of soft and irregular parts, "
            "delivered in eight weeks.",
            "We would like to meet US apparel and footwear manufacturers reshoring production, "
            "and a US integrator to represent us.",
        ),
        OrganisationSpec(
            "Tejo Secure Systems",
            SME,
            "Lisbon",
            (ICT,),
            (CYBER, AUTOMATION),
            "Tejo Secure Systems monitors operational-technology networks and detects attacks "
            "on PLCs and SCADA systems without disturbing production.",
            "A passive OT intrusion detection appliance and managed monitoring from our "
            "security operations centre in Lisbon.",
            "We are looking for US managed security providers and utilities interested in a "
            "white-label partnership.",
        ),
        OrganisationSpec(
            "Mondego Twin Engineering",
            SME,
            "Coimbra",
            (ICT, PRODUCTION),
            (TWINS, SIMULATION),
            "Mondego Twin Engineering builds digital twins of injection moulding and extrusion "
            "lines to tune process parameters before the first shot.",
            "Process simulation and virtual commissioning that cut start-up scrap by up to a "
            "third.",
            "We want to meet US plastics processors and machine builders, and a research "
            "partner for a joint NSF or Horizon Europe proposal.",
        ),
        OrganisationSpec(
            "Estrela 5G Networks",
            SME,
            "Covilhã",
            (ICT,),
            (WIRELESS, EDGE),
            "Estrela 5G Networks plans, installs and operates private 5G networks for "
            "factories, ports and logistics hubs.",
            "Private 5G in a box: radio planning, core network and edge servers, running in "
            "six weeks.",
            "We seek US telecom integrators and industrial sites with CBRS spectrum who want "
            "to trial private wireless for mobile robots.",
        ),
        OrganisationSpec(
            "Atlântico Institute for Cyber-Physical Systems",
            RTO,
            "Porto",
            (ICT, PRODUCTION),
            (EMBEDDED, ROBOTICS, AI),
            "A non-profit research institute working on embedded control, robotics and "
            "trustworthy AI with over 200 industrial projects.",
            "Contract research, test beds for collaborative robotics and access to European "
            "research consortia.",
            "We are looking for US universities and companies to co-develop applied research "
            "projects and exchange researchers.",
        ),
        OrganisationSpec(
            "Lusoformas Additive",
            SME,
            "Marinha Grande",
            (PRODUCTION,),
            (ADDITIVE, SIMULATION),
            "Lusoformas Additive prints metal mould inserts with conformal cooling channels "
            "for the plastics industry.",
            "Hybrid additive and machined mould inserts that shorten cycle times by 20 to 40 "
            "percent.",
            "We want to meet US mould makers and plastics processors, and a US service bureau "
            "for local production.",
            people=2,
        ),
        OrganisationSpec(
            "Gaia Vision Systems",
            SME,
            "Vila Nova de Gaia",
            (ICT, PRODUCTION),
            (VISION, AI),
            "Gaia Vision Systems develops inline inspection for natural materials such as "
            "cork, ceramics and stone, where every part looks different.",
            "Deep-learning inspection stations that learn a new defect from fifty examples.",
            "We seek US manufacturers of tiles, wood and building products, and an OEM "
            "partner for camera hardware.",
        ),
    ),
)

SPAIN = Delegation(
    country="ES",
    cluster="Basquegame",
    phone_prefix="+34",
    first_names="Ane Iker Maite Jon Leire Unai Nerea Mikel Amaia Asier Irati Gorka",
    last_names=(
        "Etxeberria Agirre Goikoetxea Zubizarreta Larrañaga Urrutia Arrieta Ibarra Olano "
        "Mendizabal Garmendia Aranburu"
    ),
    organisations=(
        OrganisationSpec(
            "Basquegame",
            CLUSTER,
            "Bilbao",
            (ICT,),
            (SIMULATION, XR),
            "Basquegame is the Basque cluster of video game and interactive technology "
            "companies, bringing game engines and game design to industry.",
            "We introduce US partners to Basque studios that turn game technology into "
            "training, simulation and visualisation tools for factories.",
            "We want to meet US manufacturers with training needs and US game and simulation "
            "associations for a cooperation agreement.",
        ),
        OrganisationSpec(
            "Txoko Interactive",
            SME,
            "Bilbao",
            (ICT, PRODUCTION),
            (XR, SIMULATION),
            "Txoko Interactive makes virtual-reality simulators in which machine operators "
            "train on a press or a CNC machine before touching the real one.",
            "Ready-made VR training modules for presses, welding and lockout-tagout, and a "
            "studio to build new ones from CAD data in weeks.",
            "We are looking for US manufacturers and technical colleges that train operators "
            "at scale, and a distributor for North America.",
            people=2,
            booth="Hall 8, Booth C27",
        ),
        OrganisationSpec(
            "Urdaibai Realities",
            SME,
            "Gernika",
            (ICT,),
            (XR, IOT),
            "Urdaibai Realities guides maintenance technicians with augmented-reality "
            "instructions on smart glasses and tablets.",
            "Step-by-step AR work instructions linked to live machine data, with remote "
            "expert support.",
            "We seek US maintenance service companies and machine builders who want to "
            "offer remote support to their customers.",
        ),
        OrganisationSpec(
            "Zubi Digital Twin Studio",
            SME,
            "Donostia / San Sebastián",
            (ICT, PRODUCTION),
            (TWINS, SIMULATION, CLOUD),
            "Zubi builds real-time 3D digital twins of plants on game engines, fed by live "
            "production data.",
            "Interactive plant twins for layout planning, operator dashboards and sales "
            "demonstrations.",
            "We want to meet US automation vendors and large plants planning new lines, and "
            "an investor for our US launch.",
            people=2,
        ),
        OrganisationSpec(
            "Itsaso Games for Industry",
            SME,
            "Getxo",
            (ICT,),
            (SIMULATION,),
            "Itsaso designs serious games that teach lean manufacturing, safety and quality "
            "culture on the shop floor.",
            "Gamified lean and safety training with measurable results, in English and Spanish.",
            "We are looking for US training providers, HR departments of manufacturers and "
            "community colleges.",
        ),
        OrganisationSpec(
            "Gorbeia Analytics",
            SME,
            "Vitoria-Gasteiz",
            (ICT,),
            (AI, CLOUD),
            "Gorbeia Analytics applies player-behaviour analytics from games to human-machine "
            "interaction in control rooms.",
            "Analytics that find where operators hesitate and make mistakes, and redesign the "
            "interface with them.",
            "We seek US process industries with control rooms and HMI software vendors for a "
            "joint product.",
        ),
        OrganisationSpec(
            "Ametz Haptics",
            SME,
            "Eibar",
            (PRODUCTION,),
            (ROBOTICS, XR),
            "Ametz Haptics builds haptic controllers for teleoperating robots in hazardous "
            "and remote environments.",
            "Force-feedback teleoperation kits for industrial arms, with latency compensation "
            "over 5G.",
            "We want to meet US nuclear, energy and chemical plants, and robot makers looking "
            "for a teleoperation partner.",
        ),
        OrganisationSpec(
            "Kresala Cloud Studio",
            SME,
            "Donostia / San Sebastián",
            (ICT,),
            (CLOUD, EDGE, XR),
            "Kresala streams heavy 3D content from edge servers to tablets and headsets on the "
            "shop floor.",
            "Pixel streaming of CAD models and digital twins with no local install.",
            "We seek US CAD and PLM vendors and cloud providers for a technology partnership.",
        ),
        OrganisationSpec(
            "Lurra Interactive Technologies Centre",
            RTO,
            "Donostia / San Sebastián",
            (ICT,),
            (XR, AI, SIMULATION),
            "A technology centre researching human-machine interaction, extended reality and "
            "AI for industry.",
            "Applied research, usability labs and a test factory for XR and AI pilots.",
            "We are looking for US research partners for joint projects on human-centred "
            "Industry 5.0.",
        ),
        OrganisationSpec(
            "Aralar Motion",
            SME,
            "Tolosa",
            (PRODUCTION, HEALTH),
            (ROBOTICS, SENSORS, AI),
            "Aralar Motion captures workers' movements to assess ergonomics and to program "
            "robots by demonstration.",
            "Markerless motion capture for ergonomic risk scoring and robot teaching.",
            "We seek US automotive and logistics companies with ergonomics programmes, and "
            "occupational-health insurers.",
        ),
    ),
)

FRANCE = Delegation(
    country="FR",
    cluster="Pôle SCS",
    phone_prefix="+33",
    first_names=(
        "Camille Julien Claire Mathieu Élodie Thomas Sophie Nicolas Laure Antoine Manon Olivier"
    ),
    last_names=(
        "Martin Bernard Fabre Roux Giraud Blanc Garnier Chevalier Mercier Lambert Faure Rousseau"
    ),
    organisations=(
        OrganisationSpec(
            "Pôle SCS",
            CLUSTER,
            "Sophia Antipolis",
            (ICT,),
            (IOT, CYBER, EMBEDDED),
            "Pôle SCS is the French competitiveness cluster for secure communicating "
            "solutions and coordinator of the partnership.",
            "We coordinate the partnership's joint offer and help US partners find French "
            "suppliers of secure IoT and microelectronics.",
            "We want to meet US clusters and agencies to sign cooperation agreements and "
            "prepare a return mission to the United States.",
            people=2,
        ),
        OrganisationSpec(
            "Calanque Semiconductors",
            SME,
            "Rousset",
            (ICT,),
            (EMBEDDED, CYBER, IOT),
            "Calanque Semiconductors designs low-power microcontrollers with a built-in "
            "secure element for industrial IoT devices.",
            "Secure microcontrollers certified to IEC 62443, evaluation kits and design support.",
            "We are looking for US sensor and device makers who need secure connectivity, "
            "and a US distributor.",
            people=2,
            booth="Hall 8, Booth C31",
        ),
        OrganisationSpec(
            "Valbonne Trust Systems",
            SME,
            "Sophia Antipolis",
            (ICT,),
            (CYBER, CLOUD),
            "Valbonne Trust Systems manages the identities and certificates of connected "
            "machines over their whole life.",
            "Device identity and certificate management for fleets of industrial devices, "
            "from factory provisioning to decommissioning.",
            "We seek US machine builders and IoT platform vendors who must meet new "
            "cybersecurity rules.",
        ),
        OrganisationSpec(
            "Mistral Edge AI",
            SME,
            "Aix-en-Provence",
            (ICT, PRODUCTION),
            (AI, EDGE, VISION),
            "Mistral Edge AI runs visual quality control models on compact edge computers "
            "next to the production line.",
            "Fanless edge AI boxes with a no-code training tool for inspection models.",
            "We want to meet US manufacturers in electronics and automotive, and chip vendors "
            "for a reference design.",
            people=2,
        ),
        OrganisationSpec(
            "Estérel Networks",
            SME,
            "Nice",
            (ICT, SPACE),
            (WIRELESS, IOT),
            "Estérel Networks connects remote assets through satellite and terrestrial "
            "low-power networks.",
            "Hybrid satellite and LPWAN modules and a connectivity service for pipelines, "
            "mines and farms.",
            "We are looking for US oil, gas and agriculture companies with remote assets, and "
            "satellite operators.",
        ),
        OrganisationSpec(
            "Lérins Data Trust",
            SME,
            "Cannes",
            (ICT,),
            (CLOUD, CYBER),
            "Lérins Data Trust lets suppliers and manufacturers share production data while "
            "keeping control of it.",
            "A data-space connector that enforces usage rules on shared industrial data.",
            "We seek US automotive and aerospace supply chains interested in trusted data "
            "sharing with European partners.",
        ),
        OrganisationSpec(
            "Phocéa Robotique",
            SME,
            "Marseille",
            (PRODUCTION, MOBILITY),
            (ROBOTICS, VISION),
            "Phocéa Robotique builds inspection robots and drones for ports, tanks and "
            "industrial sites.",
            "Autonomous inspection of confined spaces with 3D mapping and corrosion detection.",
            "We want to meet US port authorities, refineries and inspection service companies.",
        ),
        OrganisationSpec(
            "Sainte-Victoire Photonics",
            SME,
            "Meyreuil",
            (ICT,),
            (SENSORS, VISION),
            "Sainte-Victoire Photonics makes compact LiDAR and hyperspectral sensors for "
            "industrial measurement.",
            "Solid-state LiDAR for volume measurement and hyperspectral cameras for sorting.",
            "We are looking for US integrators in recycling and logistics, and a US contract "
            "manufacturer.",
        ),
        OrganisationSpec(
            "Azur Institute for Secure Systems",
            RTO,
            "Sophia Antipolis",
            (ICT,),
            (CYBER, AI, EMBEDDED),
            "A research institute on secure embedded systems and trustworthy AI, working "
            "closely with regional industry.",
            "Security evaluation labs, joint PhD projects and applied research contracts.",
            "We seek US universities and national laboratories for research cooperation on "
            "hardware security.",
        ),
        OrganisationSpec(
            "Porquerolles Twin",
            SME,
            "Toulon",
            (MOBILITY, PRODUCTION),
            (TWINS, PREDICTIVE),
            "Porquerolles Twin builds digital twins of ships and shipyard equipment to plan "
            "maintenance.",
            "Condition-based maintenance planning for maritime and heavy industrial assets.",
            "We want to meet US shipyards, ferry operators and heavy-equipment manufacturers.",
        ),
    ),
)

ITALY = Delegation(
    country="IT",
    cluster="MESAP",
    phone_prefix="+39",
    first_names=(
        "Giulia Marco Francesca Luca Chiara Alessandro Elena Davide Silvia Matteo Valentina Paolo"
    ),
    last_names=(
        "Rossi Bianchi Ferrero Gallo Conti Bruno Ricci Marino Greco Fontana Rinaldi Barbero"
    ),
    organisations=(
        OrganisationSpec(
            "MESAP",
            CLUSTER,
            "Turin",
            (PRODUCTION, ICT),
            (AUTOMATION, ROBOTICS),
            "MESAP is the Piedmont innovation cluster for smart products and manufacturing, "
            "with a strong base in mechatronics.",
            "We present Piedmont's mechatronics and automation suppliers and support joint "
            "projects with US partners.",
            "We want to meet US manufacturing institutes and clusters for joint calls and "
            "company exchanges.",
        ),
        OrganisationSpec(
            "Dora Meccatronica",
            SME,
            "Turin",
            (PRODUCTION,),
            (AUTOMATION, ROBOTICS, EMBEDDED),
            "Dora Meccatronica designs servo drives and mechatronic actuators for packaging "
            "and food machines.",
            "Compact integrated servo actuators with safety functions and an open fieldbus "
            "interface.",
            "We are looking for US packaging machine builders and a partner for local "
            "assembly and service.",
            people=2,
            booth="Hall 8, Booth D04",
        ),
        OrganisationSpec(
            "Canavese Smart Tools",
            SME,
            "Ivrea",
            (PRODUCTION,),
            (SENSORS, IOT, PREDICTIVE),
            "Canavese Smart Tools puts sensors into tool holders to measure cutting forces "
            "and tool wear in real time.",
            "Instrumented tool holders and software that stop a machine before a tool breaks.",
            "We seek US machine shops and machine-tool distributors, and aerospace suppliers "
            "machining titanium.",
        ),
        OrganisationSpec(
            "Langhe Additive",
            SME,
            "Alba",
            (PRODUCTION, MOBILITY),
            (ADDITIVE,),
            "Langhe Additive prints metal parts by laser powder bed fusion for automotive and "
            "aerospace customers.",
            "Contract manufacturing of certified metal parts in titanium, aluminium and "
            "nickel alloys, with design for additive.",
            "We want to meet US aerospace and motorsport companies, and powder suppliers.",
        ),
        OrganisationSpec(
            "Superga Vision",
            SME,
            "Turin",
            (PRODUCTION, MOBILITY),
            (VISION, AI),
            "Superga Vision inspects weld seams and sealant beads in automotive body shops.",
            "3D vision systems for weld and bead inspection at line speed.",
            "We are looking for US car makers and tier-one suppliers, and a robot integrator "
            "as a partner.",
            people=2,
        ),
        OrganisationSpec(
            "Monviso Digital Factory",
            SME,
            "Cuneo",
            (ICT, PRODUCTION),
            (CLOUD, IOT, TWINS),
            "Monviso Digital Factory offers a light manufacturing execution system for small "
            "and medium-sized plants.",
            "Cloud MES with machine connectivity, scheduling and OEE dashboards, live in a month.",
            "We seek US resellers and system integrators serving small manufacturers.",
        ),
        OrganisationSpec(
            "Sesia Cobot",
            SME,
            "Vercelli",
            (PRODUCTION,),
            (ROBOTICS,),
            "Sesia Cobot makes adaptive grippers for collaborative robots handling delicate "
            "products.",
            "Soft and adaptive grippers compatible with the main cobot brands.",
            "We want to meet US robot distributors and food and pharmaceutical manufacturers.",
        ),
        OrganisationSpec(
            "Biella Textile Tech",
            SME,
            "Biella",
            (PRODUCTION, ENVIRONMENT),
            (IOT, ENERGY),
            "Biella Textile Tech retrofits looms and finishing machines with energy and "
            "quality monitoring.",
            "Retrofit kits that cut the energy use of textile finishing by up to 15 percent.",
            "We seek US textile mills and technical textile producers.",
        ),
        OrganisationSpec(
            "Subalpine Mechatronics Research Centre",
            RTO,
            "Turin",
            (PRODUCTION,),
            (AUTOMATION, ROBOTICS, TWINS),
            "A research centre on mechatronics, machine design and virtual commissioning.",
            "Test benches, virtual commissioning know-how and joint research projects.",
            "We are looking for US research institutes and manufacturers for joint projects "
            "and researcher exchanges.",
        ),
        OrganisationSpec(
            "Gran Paradiso Cyber",
            SME,
            "Aosta",
            (ICT,),
            (CYBER,),
            "Gran Paradiso Cyber audits the cybersecurity of machines before they are shipped.",
            "Security testing and certification support for machine builders (IEC 62443, "
            "EU Machinery Regulation).",
            "We want to meet US machine builders exporting to Europe and US testing laboratories.",
        ),
    ),
)

GERMANY = Delegation(
    country="DE",
    cluster="BalticNet-PlasmaTec",
    phone_prefix="+49",
    first_names="Anna Jonas Katrin Felix Laura Tobias Julia Stefan Miriam Lukas Sabine Henrik",
    last_names=(
        "Schröder Krüger Wagner Becker Hoffmann Lange Peters Möller Schulz Brandt Vogt Petersen"
    ),
    organisations=(
        OrganisationSpec(
            "BalticNet-PlasmaTec",
            CLUSTER,
            "Greifswald",
            (PRODUCTION, HEALTH),
            (PLASMA,),
            "BalticNet-PlasmaTec is the network of plasma technology companies and research "
            "institutes around the Baltic Sea.",
            "We introduce US partners to plasma suppliers for surface treatment, coating, "
            "cleaning and decontamination.",
            "We want to meet US associations and clusters in surface engineering and "
            "medical technology.",
        ),
        OrganisationSpec(
            "Boddenplasma",
            SME,
            "Greifswald",
            (PRODUCTION,),
            (PLASMA, AUTOMATION),
            "Boddenplasma builds atmospheric-pressure plasma jets that activate plastic and "
            "metal surfaces before bonding and painting.",
            "Plasma jets that replace chemical primers, integrated into robot cells and "
            "production lines.",
            "We are looking for US automotive, electronics and packaging companies that "
            "bond or print on plastics, and a US integrator.",
            people=2,
            booth="Hall 8, Booth B14",
        ),
        OrganisationSpec(
            "Warnow Coatings",
            SME,
            "Rostock",
            (PRODUCTION,),
            (PLASMA,),
            "Warnow Coatings deposits hard plasma coatings that protect tools and moulds "
            "from wear.",
            "PECVD and PVD coating services and coating units for in-house production.",
            "We seek US tool and mould makers and forming companies.",
        ),
        OrganisationSpec(
            "Hanse Sensorik",
            SME,
            "Stralsund",
            (PRODUCTION, ICT),
            (SENSORS, PLASMA, AI),
            "Hanse Sensorik controls plasma processes with optical emission spectroscopy and "
            "machine learning.",
            "Process sensors that keep plasma treatment and coating in specification.",
            "We want to meet US semiconductor and solar manufacturers and plasma equipment makers.",
            people=2,
        ),
        OrganisationSpec(
            "Rügen Clean Surfaces",
            SME,
            "Bergen auf Rügen",
            (HEALTH,),
            (PLASMA,),
            "Rügen Clean Surfaces cleans and sterilises medical devices with low-temperature "
            "plasma.",
            "Plasma sterilisation units for heat-sensitive instruments and implants.",
            "We are looking for US medical device makers and hospital groups, and a "
            "regulatory partner for FDA clearance.",
        ),
        OrganisationSpec(
            "Wismar Laser & Plasma",
            SME,
            "Wismar",
            (PRODUCTION,),
            (PLASMA, AUTOMATION),
            "Wismar Laser & Plasma builds hybrid laser and plasma cutting systems for thick "
            "steel plates.",
            "Cutting systems for shipbuilding and steel construction with automatic bevel cutting.",
            "We seek US shipyards, steel fabricators and a sales partner in the Gulf region.",
        ),
        OrganisationSpec(
            "Ostsee Process Analytics",
            SME,
            "Rostock",
            (ICT, PRODUCTION),
            (AI, TWINS, PREDICTIVE),
            "Ostsee Process Analytics models coating and heat-treatment processes as digital "
            "twins.",
            "Process twins that predict layer thickness and quality from machine data.",
            "We want to meet US surface-treatment companies and equipment makers.",
        ),
        OrganisationSpec(
            "Peene Agro Plasma",
            SME,
            "Anklam",
            (AGROFOOD, ENVIRONMENT),
            (PLASMA,),
            "Peene Agro Plasma treats seeds and water with cold plasma instead of chemicals.",
            "Plasma-activated water systems for greenhouses and seed treatment lines.",
            "We are looking for US agricultural cooperatives, seed companies and food processors.",
        ),
        OrganisationSpec(
            "Baltic Institute for Applied Plasma Research",
            RTO,
            "Greifswald",
            (PRODUCTION, HEALTH),
            (PLASMA, SENSORS),
            "A research institute on low-temperature plasma for industry, medicine and the "
            "environment.",
            "Plasma diagnostics, contract research and pilot lines for surface treatment.",
            "We seek US universities and companies for joint plasma research and technology "
            "transfer.",
        ),
        OrganisationSpec(
            "Mecklenburg Automation Systems",
            SME,
            "Schwerin",
            (PRODUCTION,),
            (ROBOTICS, AUTOMATION, PLASMA),
            "Mecklenburg Automation Systems integrates robot-guided plasma treatment and "
            "dispensing cells.",
            "Turnkey robot cells for surface treatment, gluing and sealing.",
            "We want to meet US manufacturers automating bonding processes.",
        ),
    ),
)

SWEDEN = Delegation(
    country="SE",
    cluster="Sveaverk Smart Production Cluster",
    phone_prefix="+46",
    first_names="Elin Johan Karin Erik Maja Oskar Sara Anders Linnea Fredrik Ebba Magnus",
    last_names=(
        "Lindqvist Andersson Berg Nyström Holm Sjöberg Ekström Lundgren Dahl Forsberg "
        "Wikström Hedlund"
    ),
    organisations=(
        OrganisationSpec(
            "Sveaverk Smart Production Cluster",
            CLUSTER,
            "Västerås",
            (PRODUCTION, ICT),
            (AUTOMATION, TWINS),
            "Sveaverk is a Swedish cluster of manufacturers, automation suppliers and "
            "researchers working on smart and sustainable production.",
            "We open doors to Swedish automation and production technology suppliers and "
            "host US delegations in Mälardalen.",
            "We want to meet US clusters and manufacturing institutes to exchange best "
            "practice and plan joint projects.",
        ),
        OrganisationSpec(
            "Mälaren Motion",
            SME,
            "Västerås",
            (PRODUCTION,),
            (ROBOTICS, SIMULATION),
            "Mälaren Motion writes offline programming software that plans collision-free "
            "robot paths automatically.",
            "Automatic robot path planning for welding, painting and grinding, for all major "
            "robot brands.",
            "We are looking for US robot integrators and manufacturers with high-mix production.",
            people=2,
        ),
        OrganisationSpec(
            "Vättern Predictive",
            SME,
            "Jönköping",
            (PRODUCTION,),
            (PREDICTIVE, AI, IOT),
            "Vättern Predictive analyses vibration data to predict bearing and gearbox failures.",
            "Wireless vibration sensors and a diagnosis service run by experienced analysts "
            "and AI.",
            "We seek US paper, steel and mining companies, and a reseller network.",
            people=2,
        ),
        OrganisationSpec(
            "Kinda Secure Automation",
            SME,
            "Linköping",
            (ICT,),
            (CYBER, AUTOMATION),
            "Kinda Secure Automation segments and hardens industrial control networks.",
            "Industrial firewalls and a zero-trust remote access service for machine vendors.",
            "We want to meet US machine builders and utilities, and managed security providers.",
        ),
        OrganisationSpec(
            "Göta Additive Works",
            SME,
            "Gothenburg",
            (PRODUCTION, MOBILITY),
            (ADDITIVE, CLOUD),
            "Göta Additive Works prints polymer spare parts on demand from a digital warehouse.",
            "Digital spare-part inventories and certified printing of polymer parts.",
            "We are looking for US vehicle makers, rail operators and after-sales organisations.",
        ),
        OrganisationSpec(
            "Eskil Edge Systems",
            SME,
            "Eskilstuna",
            (ICT,),
            (EDGE, IOT, WIRELESS),
            "Eskil Edge Systems builds rugged edge gateways for construction and mining machines.",
            "Rugged gateways with 5G and local AI processing, built for vibration, dust and cold.",
            "We seek US construction equipment makers and fleet telematics providers.",
        ),
        OrganisationSpec(
            "Storsjö Vision",
            SME,
            "Östersund",
            (PRODUCTION, ENVIRONMENT),
            (VISION, AI, SENSORS),
            "Storsjö Vision grades timber and boards with hyperspectral machine vision.",
            "Scanners that grade wood for strength and defects at full sawmill speed.",
            "We want to meet US sawmills, wood product manufacturers and forestry companies.",
        ),
        OrganisationSpec(
            "Norrström Twin",
            SME,
            "Stockholm",
            (PRODUCTION, ENVIRONMENT),
            (TWINS, ENERGY, AI),
            "Norrström Twin builds digital twins of battery cell production to raise yield.",
            "Yield and energy optimisation for battery gigafactories.",
            "We are looking for US battery makers and equipment suppliers building new plants.",
        ),
        OrganisationSpec(
            "Bergslagen Production Research Institute",
            RTO,
            "Örebro",
            (PRODUCTION,),
            (AUTOMATION, AI, ENERGY),
            "A research institute on production systems, automation and industrial sustainability.",
            "Test beds, production system analysis and joint research.",
            "We seek US universities and manufacturing institutes for joint research and "
            "student exchanges.",
        ),
        OrganisationSpec(
            "Dala Energy Analytics",
            SME,
            "Falun",
            (ENVIRONMENT, PRODUCTION),
            (ENERGY, IOT),
            "Dala Energy Analytics monitors and optimises energy use in foundries and forges.",
            "Energy monitoring that schedules furnaces around electricity prices.",
            "We want to meet US foundries, forges and energy service companies.",
        ),
    ),
)

DELEGATIONS = (FRANCE, PORTUGAL, SPAIN, ITALY, GERMANY, SWEDEN)
"""The European delegations; France (Pôle SCS) coordinates the partnership."""

UNITED_STATES = Delegation(
    country="US",
    cluster="",
    phone_prefix="+1",
    first_names=(
        "Emily Michael Jessica David Ashley Christopher Sarah James Megan Daniel Lauren "
        "Robert Olivia Kevin Rachel Brian Hannah Marcus Priya Carlos Aisha Jordan Tyler "
        "Grace"
    ),
    last_names=(
        "Johnson Miller Davis Garcia Thompson Walker Patel Nguyen Robinson Carter Brooks "
        "Ramirez Kim Foster Hughes Bennett Coleman Reyes Sullivan Morgan"
    ),
    organisations=(
        OrganisationSpec(
            "Great Lakes Motion Systems",
            LARGE,
            "Detroit, MI",
            (MOBILITY, PRODUCTION),
            (ROBOTICS, PREDICTIVE, VISION),
            "A tier-one automotive supplier of drivetrain and chassis modules with twelve "
            "plants in North America.",
            "Pilot sites in our Michigan and Ohio plants and a supplier development programme "
            "for innovative SMEs.",
            "We are scouting European suppliers of vision inspection, predictive maintenance "
            "and collaborative robotics for our next model programmes.",
            people=2,
            booth="Hall 17, Booth A31",
        ),
        OrganisationSpec(
            "Cuyahoga Precision Components",
            SME,
            "Cleveland, OH",
            (PRODUCTION,),
            (AUTOMATION, ADDITIVE),
            "A family-owned machine shop making precision components for aerospace and "
            "medical customers.",
            "A US production partner for European companies that need local machining and "
            "assembly.",
            "We look for tool-monitoring sensors, hybrid additive technology and an easy MES "
            "for a 90-person shop.",
            people=2,
        ),
        OrganisationSpec(
            "Allegheny Forge & Additive",
            SME,
            "Pittsburgh, PA",
            (PRODUCTION,),
            (ADDITIVE, PREDICTIVE),
            "A forging company that added metal additive manufacturing for repair and spare parts.",
            "Forging and additive capacity and access to Pennsylvania's steel supply chain.",
            "We want partners in wear-resistant coatings, process monitoring and energy "
            "optimisation of furnaces.",
        ),
        OrganisationSpec(
            "Lone Star Integration Partners",
            SME,
            "Houston, TX",
            (PRODUCTION, ENVIRONMENT),
            (AUTOMATION, CYBER, WIRELESS),
            "A system integrator automating oil, gas and chemical plants on the Gulf Coast.",
            "Sales, installation and service across Texas and Louisiana for European technology.",
            "We are looking for OT security, private wireless and remote inspection products "
            "to add to our portfolio.",
            people=2,
            booth="Hall 11, Booth C08",
        ),
        OrganisationSpec(
            "Bayfront Industrial AI",
            SME,
            "San Jose, CA",
            (ICT,),
            (AI, EDGE, CLOUD),
            "A venture-backed start-up building foundation models for industrial time-series data.",
            "An AI platform and co-development for partners who bring domain data.",
            "We seek European partners with machine data and domain knowledge in predictive "
            "maintenance and process control.",
            people=2,
        ),
        OrganisationSpec(
            "Back Bay Autonomy",
            SME,
            "Boston, MA",
            (MOBILITY, PRODUCTION),
            (ROBOTICS, AI),
            "A maker of autonomous mobile robots for intralogistics in factories and warehouses.",
            "Mobile robots and an open fleet manager for integration partners.",
            "We look for European partners in grippers, private 5G and teleoperation for a "
            "mobile manipulation product.",
            people=2,
        ),
        OrganisationSpec(
            "Prairie State Institute for Smart Manufacturing",
            RTO,
            "Chicago, IL",
            (PRODUCTION, ICT),
            (TWINS, CYBER, AI),
            "A public-private institute running a demonstration factory for digital manufacturing.",
            "Test beds, member network of 300 manufacturers and joint projects on digital "
            "twins and manufacturing cybersecurity.",
            "We want European research partners and technology providers for our "
            "demonstration factory.",
            people=2,
            booth="Hall 9, Booth E12",
        ),
        OrganisationSpec(
            "Badger Packaging Machinery",
            LARGE,
            "Milwaukee, WI",
            (PRODUCTION, AGROFOOD),
            (AUTOMATION, ROBOTICS),
            "A builder of packaging machines for food, beverage and consumer goods.",
            "A route to 2,000 installed machines in North America and joint product development.",
            "We seek European suppliers of servo actuators, grippers, cybersecurity testing "
            "and plasma surface treatment.",
            people=2,
            booth="Hall 16, Booth B22",
        ),
        OrganisationSpec(
            "Haw River Textile Works",
            SME,
            "Burlington, NC",
            (PRODUCTION,),
            (IOT, ENERGY),
            "A technical textile mill producing fabrics for filtration and protective wear.",
            "A test site for textile technologies in the US Southeast.",
            "We look for loom retrofits, energy monitoring and cobot finishing cells.",
        ),
        OrganisationSpec(
            "Peachtree Supply Chain Analytics",
            SME,
            "Atlanta, GA",
            (ICT, MOBILITY),
            (CLOUD, AI),
            "A software company for supply chain visibility in manufacturing.",
            "Integration with US manufacturers' supply chains and a partner programme.",
            "We want European partners for trusted data sharing and production analytics.",
        ),
        OrganisationSpec(
            "Front Range Photonics",
            SME,
            "Boulder, CO",
            (ICT, SPACE),
            (SENSORS, VISION),
            "A photonics company making lasers and optical components for industry and space.",
            "Optical components and joint development of sensing systems.",
            "We seek European partners in LiDAR, hyperspectral imaging and plasma process "
            "monitoring.",
        ),
        OrganisationSpec(
            "Cascade Edge Computing",
            SME,
            "Seattle, WA",
            (ICT,),
            (EDGE, CLOUD, WIRELESS),
            "A provider of edge computing infrastructure for industrial sites.",
            "Edge hosting and a marketplace for industrial applications.",
            "We look for European industrial applications to host, and rugged gateway hardware.",
        ),
        OrganisationSpec(
            "Hoosier Drivetrain Corporation",
            LARGE,
            "Indianapolis, IN",
            (MOBILITY, PRODUCTION),
            (PREDICTIVE, ADDITIVE, VISION),
            "A manufacturer of heavy-duty transmissions for trucks and off-highway machines.",
            "Supplier contracts and field tests in our Indiana plants.",
            "We seek tool monitoring, gearbox diagnostics and spare parts on demand.",
            people=2,
            booth="Hall 17, Booth C15",
        ),
        OrganisationSpec(
            "North Star Medical Devices",
            LARGE,
            "Minneapolis, MN",
            (HEALTH,),
            (PLASMA, AUTOMATION),
            "A medical device manufacturer of catheters and implantable devices.",
            "Regulatory experience with the FDA and access to clinical partners.",
            "We are looking for plasma sterilisation, surface activation before bonding and "
            "ergonomic assessment of assembly work.",
            people=2,
            booth="Hall 9, Booth B40",
        ),
        OrganisationSpec(
            "Sonoran Semiconductor Packaging",
            LARGE,
            "Chandler, AZ",
            (ICT,),
            (PLASMA, VISION, EMBEDDED),
            "An assembly and test company for semiconductor packages.",
            "A growing US semiconductor supply chain looking for European equipment and "
            "materials suppliers.",
            "We want plasma cleaning and process control, inline inspection and secure chip "
            "provisioning.",
            people=2,
            booth="Hall 9, Booth A05",
        ),
        OrganisationSpec(
            "Volunteer Battery Systems",
            SME,
            "Chattanooga, TN",
            (MOBILITY, ENVIRONMENT),
            (TWINS, ENERGY),
            "A maker of battery packs for electric buses and industrial vehicles.",
            "Manufacturing partnership in the US battery belt.",
            "We look for digital twins of cell and pack production, and inspection of welds.",
        ),
        OrganisationSpec(
            "Palmetto Aerospace Composites",
            LARGE,
            "Charleston, SC",
            (SPACE, MOBILITY),
            (ADDITIVE, PLASMA, ROBOTICS),
            "A manufacturer of composite aircraft structures.",
            "Supplier qualification for aerospace programmes and joint development.",
            "We seek plasma surface preparation, certified metal additive parts and robot "
            "path planning.",
            people=2,
            booth="Hall 17, Booth D02",
        ),
        OrganisationSpec(
            "Empire State Cyber Defense",
            SME,
            "Albany, NY",
            (ICT,),
            (CYBER,),
            "A managed security provider for utilities and manufacturers in the Northeast.",
            "A US channel for European OT security products.",
            "We are looking for OT intrusion detection, device identity and machine security "
            "testing to resell.",
        ),
        OrganisationSpec(
            "Keystone Industrial Ventures",
            INVESTOR,
            "Philadelphia, PA",
            (ICT, PRODUCTION),
            (AI, ROBOTICS, CYBER),
            "A venture capital fund investing in industrial technology from seed to series B.",
            "Investment, board support and introductions to US manufacturers.",
            "We want European start-ups entering the US with industrial AI, robotics and "
            "cybersecurity products.",
            people=2,
        ),
        OrganisationSpec(
            "Bluewater Deep Tech Capital",
            INVESTOR,
            "San Francisco, CA",
            (ICT, ENVIRONMENT),
            (AI, ENERGY, SENSORS),
            "A fund for deep-tech companies in climate, energy and advanced manufacturing.",
            "Growth capital and a US go-to-market programme for portfolio companies.",
            "We seek European deep-tech SMEs in energy efficiency, photonics and plasma "
            "technologies.",
        ),
        OrganisationSpec(
            "Ironbridge Growth Partners",
            INVESTOR,
            "Columbus, OH",
            (PRODUCTION,),
            (AUTOMATION, ADDITIVE),
            "A private equity firm buying and modernising Midwest manufacturers.",
            "Access to a portfolio of 25 manufacturing companies as customers and pilot sites.",
            "We look for technologies that modernise older plants quickly: retrofit sensors, "
            "MES and cobots.",
        ),
        OrganisationSpec(
            "Tri-State Investment Office",
            PUBLIC,
            "Cincinnati, OH",
            (PRODUCTION,),
            (),
            "An economic development agency helping foreign companies set up in Ohio, "
            "Kentucky and Indiana.",
            "Site selection, incentives and soft-landing support for European SMEs.",
            "We want to meet European SMEs planning a US subsidiary or assembly site.",
        ),
        OrganisationSpec(
            "Gulf Coast Automation Cluster",
            CLUSTER,
            "Houston, TX",
            (PRODUCTION, ENVIRONMENT),
            (AUTOMATION, CYBER),
            "A US cluster of automation suppliers, integrators and plant operators.",
            "Member introductions and a cooperation framework with European clusters.",
            "We seek a cooperation agreement with European clusters and company exchanges.",
        ),
        OrganisationSpec(
            "Rio Grande Smart Factory Lab",
            RTO,
            "Albuquerque, NM",
            (PRODUCTION, ICT),
            (AI, SENSORS, TWINS),
            "A university lab for smart manufacturing research with industry members.",
            "Joint research, student projects and access to federal funding programmes.",
            "We look for European research partners in sensors, AI and plasma diagnostics.",
        ),
        OrganisationSpec(
            "Platte Valley Simulation",
            SME,
            "Omaha, NE",
            (ICT,),
            (SIMULATION, XR),
            "A developer of simulation-based training for agriculture and construction machines.",
            "Distribution to equipment dealers across the Midwest.",
            "We seek European VR training content and serious-game studios as partners.",
        ),
        OrganisationSpec(
            "Tidewater Maritime Systems",
            LARGE,
            "Norfolk, VA",
            (MOBILITY,),
            (TWINS, XR, ROBOTICS),
            "A shipbuilder and ship repair company on the East Coast.",
            "Pilot projects in our shipyards and a route into maritime supply chains.",
            "We want ship digital twins, AR maintenance guidance, inspection robots and "
            "plate cutting systems.",
            people=2,
            booth="Hall 11, Booth A20",
        ),
        OrganisationSpec(
            "Magnolia Food Processing Equipment",
            SME,
            "Jackson, MS",
            (AGROFOOD,),
            (VISION, AUTOMATION),
            "A builder of poultry and vegetable processing equipment.",
            "A US partner for food technology and dealer network in the South.",
            "We look for vision sorting, plasma-activated water and adaptive grippers.",
        ),
        OrganisationSpec(
            "Quaker Valley Controls",
            SME,
            "Harrisburg, PA",
            (PRODUCTION,),
            (AUTOMATION, IOT),
            "A control-panel builder and PLC integrator for mid-sized manufacturers.",
            "US distribution, certification support (UL) and local service.",
            "We seek European automation products to distribute: drives, sensors and MES.",
        ),
        OrganisationSpec(
            "Saguaro Solar Manufacturing",
            LARGE,
            "Phoenix, AZ",
            (ENVIRONMENT, ICT),
            (PLASMA, ENERGY, VISION),
            "A manufacturer of solar cells and modules building a new US factory.",
            "Large equipment and service contracts for our new production lines.",
            "We look for plasma process sensors, coating know-how and inline inspection.",
            people=2,
            booth="Hall 13, Booth F18",
        ),
        OrganisationSpec(
            "Appalachian Wood Products Group",
            LARGE,
            "Asheville, NC",
            (CONSTRUCTION, PRODUCTION),
            (VISION, AUTOMATION),
            "A group of sawmills and engineered wood plants in the Southeast.",
            "Test sites in six sawmills and long-term supply contracts.",
            "We seek timber grading scanners, energy optimisation and mill automation.",
        ),
        OrganisationSpec(
            "Golden Gate Industrial Cloud",
            SME,
            "Oakland, CA",
            (ICT,),
            (CLOUD, IOT, TWINS),
            "An industrial IoT platform connecting machines in 400 US plants.",
            "A platform and a sales channel for partners' hardware and analytics.",
            "We want European sensor, gateway and analytics partners to integrate.",
            people=2,
            booth="Hall 16, Booth D09",
        ),
    ),
)

TAIWAN = Delegation(
    country="TW",
    cluster="",
    phone_prefix="+886",
    first_names=(
        "Wei-Lun Yu-Ting Chih-Hao Hsin-Yi Chia-Wei Pei-Shan Jun-Hong Mei-Ling Tsung-Han Ya-Wen"
    ),
    last_names="Chen Lin Huang Chang Lee Wang Wu Liu Tsai Yang",
    organisations=(
        OrganisationSpec(
            "Nangang Precision Electronics",
            LARGE,
            "Taipei",
            (ICT,),
            (AUTOMATION, VISION),
            "An electronics manufacturing services company with plants in Taiwan and Mexico.",
            "Contract manufacturing and a route into global electronics supply chains.",
            "We look for European inline inspection, secure microcontrollers and MES.",
            people=2,
            booth="Nangang Hall 1, Booth M0412",
        ),
        OrganisationSpec(
            "Zhubei Edge Silicon",
            LARGE,
            "Hsinchu",
            (ICT,),
            (EDGE, AI, EMBEDDED),
            "A designer of AI accelerator chips for edge devices.",
            "Chips, reference designs and engineering support for edge AI products.",
            "We seek European edge AI software and industrial device makers.",
            people=2,
        ),
        OrganisationSpec(
            "Keelung Harbour Robotics",
            SME,
            "Keelung",
            (MOBILITY, PRODUCTION),
            (ROBOTICS, VISION),
            "A maker of inspection and handling robots for ports.",
            "Robots and a test site in Keelung harbour.",
            "We look for European inspection drones and teleoperation partners.",
        ),
        OrganisationSpec(
            "Taichung Machine Tool Alliance",
            CLUSTER,
            "Taichung",
            (PRODUCTION,),
            (AUTOMATION, PREDICTIVE),
            "A cluster of machine-tool builders and component suppliers in central Taiwan.",
            "Introductions to 200 machine-tool companies.",
            "We want European partners for tool monitoring and machine cybersecurity.",
            people=2,
        ),
        OrganisationSpec(
            "Formosa Smart Factory Solutions",
            SME,
            "Taoyuan",
            (ICT, PRODUCTION),
            (IOT, CLOUD, TWINS),
            "An industrial IoT and MES provider for Taiwanese SMEs.",
            "Distribution of European solutions in Taiwan and Southeast Asia.",
            "We seek European predictive maintenance and digital twin products.",
            people=2,
        ),
        OrganisationSpec(
            "Tainan Photonic Coatings",
            SME,
            "Tainan",
            (ICT,),
            (PLASMA, SENSORS),
            "A coater of optical components for cameras and displays.",
            "Optical coating capacity and joint development.",
            "We look for plasma process control and new coating technologies.",
        ),
        OrganisationSpec(
            "Jade Mountain Ventures",
            INVESTOR,
            "Taipei",
            (ICT,),
            (AI, ROBOTICS),
            "A corporate venture fund of Taiwanese electronics groups.",
            "Investment and introductions to Taiwanese manufacturers.",
            "We want European deep-tech start-ups in AI, robotics and photonics.",
        ),
        OrganisationSpec(
            "Linkou Cyber Shield",
            SME,
            "New Taipei",
            (ICT,),
            (CYBER,),
            "An OT cybersecurity company serving semiconductor fabs.",
            "OT security services for fabs and their suppliers.",
            "We seek European device identity and OT monitoring partners.",
        ),
    ),
)

COMPUTEX_DELEGATES = (
    "Pôle SCS",
    "Calanque Semiconductors",
    "Mistral Edge AI",
    "Valbonne Trust Systems",
    "Alvora Sensing",
    "Gaia Vision Systems",
    "Tejo Secure Systems",
    "Superga Vision",
    "Canavese Smart Tools",
    "Hanse Sensorik",
    "Boddenplasma",
    "Eskil Edge Systems",
    "Vättern Predictive",
    "Kresala Cloud Studio",
    "Phocéa Robotique",
    "Sainte-Victoire Photonics",
    "Ostsee Process Analytics",
    "Göta Additive Works",
)
"""The European organisations that also go to Computex (their first delegate travels)."""

JOB_TITLES: dict[OrganisationType, tuple[str, ...]] = {
    SME: (
        "CEO",
        "Founder and CEO",
        "CTO",
        "Head of Business Development",
        "International Sales Manager",
        "R&D Manager",
        "Product Manager",
        "Chief Operating Officer",
    ),
    LARGE: (
        "Director of Open Innovation",
        "Global Sourcing Manager",
        "VP Engineering",
        "Head of Digital Manufacturing",
        "Plant Manager",
    ),
    CLUSTER: ("Cluster Manager", "Internationalisation Manager", "Project Officer"),
    RTO: ("Head of Technology Transfer", "Senior Researcher", "Business Development Manager"),
    INVESTOR: ("Partner", "Investment Director", "Principal"),
    PUBLIC: ("Trade and Investment Manager", "Director of International Business"),
}
