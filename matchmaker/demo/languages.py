"""The demo events' own texts in other languages, as an organiser would give them: names,
descriptions and the sector and technology labels (the interface's text is in the catalogues)."""

from __future__ import annotations

from typing import Any

from matchmaker.demo import data

TERMS: dict[str, dict[str, str]] = {
    "de": {
        data.ICT: "IKT und Mikroelektronik",
        data.PRODUCTION: "Industrielle Produktion",
        data.MOBILITY: "Mobilität und Verkehr",
        data.ENVIRONMENT: "Umwelttechnologien",
        data.HEALTH: "Gesundheit und Biotechnologie",
        data.SPACE: "Raumfahrt",
        data.AGROFOOD: "Agrar- und Lebensmittelwirtschaft, Verpackung",
        data.CONSTRUCTION: "Bauwesen",
        data.IOT: "Internet der Dinge",
        data.ROBOTICS: "Robotik",
        data.AI: "Künstliche Intelligenz",
        data.ADDITIVE: "Additive Fertigung",
        data.CYBER: "Cybersicherheit",
        data.TWINS: "Digitale Zwillinge",
        data.PLASMA: "Plasmatechnik",
        data.VISION: "Industrielle Bildverarbeitung",
        data.EDGE: "Edge Computing",
        data.PREDICTIVE: "Vorausschauende Wartung",
        data.XR: "Erweiterte und virtuelle Realität",
        data.CLOUD: "Cloud- und Datenplattformen",
        data.EMBEDDED: "Eingebettete Systeme",
        data.AUTOMATION: "Industrieautomation",
        data.SENSORS: "Sensorik und Photonik",
        data.SIMULATION: "Simulation und Serious Games",
        data.WIRELESS: "5G und Funktechnik",
        data.ENERGY: "Energieeffizienz",
    },
    "zh_TW": {
        data.ICT: "資通訊與微電子",
        data.PRODUCTION: "工業生產",
        data.MOBILITY: "移動與運輸",
        data.ENVIRONMENT: "環境科技",
        data.HEALTH: "健康與生技",
        data.SPACE: "太空",
        data.AGROFOOD: "農食與包裝",
        data.CONSTRUCTION: "營建",
        data.IOT: "物聯網",
        data.ROBOTICS: "機器人",
        data.AI: "人工智慧",
        data.ADDITIVE: "積層製造",
        data.CYBER: "資訊安全",
        data.TWINS: "數位孿生",
        data.PLASMA: "電漿技術",
        data.VISION: "機器視覺",
        data.EDGE: "邊緣運算",
        data.PREDICTIVE: "預測性維護",
        data.XR: "擴增與虛擬實境",
        data.CLOUD: "雲端與資料平台",
        data.EMBEDDED: "嵌入式系統",
        data.AUTOMATION: "工業自動化",
        data.SENSORS: "感測與光電",
        data.SIMULATION: "模擬與嚴肅遊戲",
        data.WIRELESS: "5G 與無線通訊",
        data.ENERGY: "能源效率",
    },
}

EVENT_TEXTS: dict[str, dict[str, dict[str, str]]] = {
    data.HANNOVER.slug: {
        "de": {
            "name": "EU–US-Cluster-Kooperationsbörse auf der Hannover Messe",
            "description": (
                "Zwei Tage vorab vereinbarter 30-minütiger Gespräche zwischen der europäischen "
                "Delegation und US-Gastunternehmen, im B2B-Bereich von Halle 8 oder an den "
                "Ständen der Aussteller."
            ),
        },
    },
    data.COMPUTEX.slug: {
        "zh_TW": {
            "name": "歐盟–台灣 Computex 媒合會",
            "description": "每場會談 25 分鐘，另有 5 分鐘換場，地點在歐洲館旁。",
        },
        "de": {"name": "EU–Taiwan-Kooperationsbörse auf der Computex"},
    },
}


def event_translations(slug: str) -> dict[str, dict[str, Any]]:
    """A demo event's texts in other languages, with the taxonomy's labels in each."""
    texts = EVENT_TEXTS.get(slug, {})
    return {
        locale: {**texts.get(locale, {}), "terms": dict(labels)} for locale, labels in TERMS.items()
    }
