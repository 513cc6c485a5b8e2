//! Deterministic demo data: realistic bilingual researcher cards of a fictional institute.
//!
//! [`demo_cards`] returns about 300 cards of the fictional 한국전자정보기술연구원 (Korea
//! Electronics & Information Technology Institute); [`synthetic_cards`] streams any number of
//! cards built by the same machinery, for benchmarks; [`demo_qrels`] judges about 40 search
//! queries against the demo cards. Everything comes from the `const` tables below and a small
//! splitmix64 generator, so the output is the same on every run and platform.
//!
//! A card is built around two to four research topics of its division: keywords, project
//! titles and summaries, publication and patent titles, video titles and the bio all draw on
//! them, so each card reads as one person's work. Bilingual texts put Korean first and English
//! second. Korean particles (을/를, 이/가, 은/는, 과/와, 으로/로) follow the final sound of the
//! word they attach to, including acronyms such as "BMS 알고리즘을" or "5G 특화망을".

use std::collections::{HashMap, HashSet};

use app::model::card::{
    Availability, AvailabilityStatus, CardRecord, CareerEntry, Contact, Links, Offer, Patent,
    Project, Publication, Status, Video,
};

// ---------------------------------------------------------------------------------------------
// The institute
// ---------------------------------------------------------------------------------------------

const INSTITUTE: &str = "한국전자정보기술연구원";
const INSTITUTE_EN: &str = "Korea Electronics & Information Technology Institute";
const EMAIL_DOMAIN: &str = "example-institute.re.kr";
const HOMEPAGE_BASE: &str = "https://www.example-institute.re.kr/people/";
const PHONE_PREFIX: &str = "031-789-";
/// Seed of the demo set; changing it reshuffles every demo card.
const DEMO_SEED: u64 = 0x5243_4152_445F_4B52;
/// The last year that publications may carry; "now" for the demo.
const LAST_YEAR: i32 = 2026;

const F_SEMI: &str = "시스템반도체";
const F_AI: &str = "인공지능";
const F_MFG: &str = "스마트제조";
const F_BIO: &str = "바이오헬스";
const F_ENERGY: &str = "에너지";
const F_BATTERY: &str = "이차전지";
const F_AUTO: &str = "자율주행";
const F_NET: &str = "통신·네트워크";
const F_DISPLAY: &str = "디스플레이";
const F_SENSOR: &str = "센서";
const F_ROBOT: &str = "로봇";
const F_SEC: &str = "보안";
const F_MAT: &str = "소재·부품";
const F_TWIN: &str = "디지털트윈";
const F_IOT: &str = "사물인터넷";

/// The institute's controlled list of technology fields (as seeded in the `tech_field` table).
const FIELDS: [&str; 15] = [
    F_SEMI, F_AI, F_MFG, F_BIO, F_ENERGY, F_BATTERY, F_AUTO, F_NET, F_DISPLAY, F_SENSOR, F_ROBOT,
    F_SEC, F_MAT, F_TWIN, F_IOT,
];

// ---------------------------------------------------------------------------------------------
// Table types
// ---------------------------------------------------------------------------------------------

/// A research topic: the Korean keyword as researchers write it, its English term, and the
/// technology field it belongs to.
struct Topic {
    ko: &'static str,
    en: &'static str,
    field: &'static str,
}

const fn t(ko: &'static str, en: &'static str, field: &'static str) -> Topic {
    Topic { ko, en, field }
}

/// An organisation with its Korean and English names.
struct Org {
    ko: &'static str,
    en: &'static str,
}

const fn o(ko: &'static str, en: &'static str) -> Org {
    Org { ko, en }
}

/// How a venue's DOIs look; the numbers are invented but have the publisher's shape.
enum Doi {
    None,
    /// `10.1109/<code>.<year>.3xxxxxx`
    Ieee(&'static str),
    /// `10.3390/<code><volume><issue><article>`; the volume is `year - offset`.
    Mdpi(&'static str, i32),
    /// `10.1016/j.<code>.<year>.<article>`
    Elsevier(&'static str),
    /// `<prefix>.<year>.<volume>.<issue>.<page>` (Korean society journals); volume `year - offset`.
    Korean(&'static str, i32),
    /// `10.4218/etrij.<year>-<number>`
    Etri,
}

/// A journal or proceedings.
struct Venue {
    name: &'static str,
    doi: Doi,
}

const fn v(name: &'static str, doi: Doi) -> Venue {
    Venue { name, doi }
}

/// A research division (센터) with everything needed to make its researchers' cards.
struct Division {
    ko: &'static str,
    en: &'static str,
    /// The industry the division serves, usable before 분야/산업/기업.
    domain_ko: &'static str,
    domain_en: &'static str,
    /// Cards of this division in the demo set; also its weight in the synthetic set.
    demo_count: usize,
    sites: &'static [(&'static str, u32)],
    topics: &'static [Topic],
    /// Companies and institutes its researchers came from.
    employers: &'static [Org],
    /// Nouns for patent titles (장치, 회로, 시스템…).
    artifacts: &'static [&'static str],
    /// What its projects improve (수율, 정확도…).
    metrics: &'static [&'static str],
    funders: &'static [&'static str],
    venues_en: &'static [Venue],
    venues_ko: &'static [Venue],
    /// Chance in percent of offering each of `Offer::ALL`.
    offers: [u32; 5],
}

// ---------------------------------------------------------------------------------------------
// Topics per division
// ---------------------------------------------------------------------------------------------

const SEMI_TOPICS: &[Topic] = &[
    t("HBM 메모리 테스트", "HBM memory testing", F_SEMI),
    t(
        "딥러닝 기반 웨이퍼 결함 검출",
        "deep-learning wafer defect detection",
        F_SEMI,
    ),
    t("AI 반도체 설계", "AI chip design", F_SEMI),
    t("NPU 아키텍처", "NPU architecture", F_SEMI),
    t("저전력 SoC 설계", "low-power SoC design", F_SEMI),
    t("칩렛 패키징", "chiplet packaging", F_MAT),
    t("RISC-V 프로세서", "RISC-V processors", F_SEMI),
    t("SiC 전력반도체", "SiC power devices", F_MAT),
    t(
        "PIM 메모리 구조",
        "processing-in-memory architecture",
        F_SEMI,
    ),
    t("반도체 수율 예측", "semiconductor yield prediction", F_SEMI),
    t(
        "아날로그 혼성신호 회로",
        "analog mixed-signal circuits",
        F_SEMI,
    ),
    t("뉴로모픽 소자", "neuromorphic devices", F_MAT),
    t(
        "반도체 신뢰성 평가",
        "semiconductor reliability testing",
        F_MAT,
    ),
    t("온디바이스 AI 가속기", "on-device AI accelerators", F_AI),
];

const AI_TOPICS: &[Topic] = &[
    t("LLM 경량화", "LLM compression", F_AI),
    t("검색증강생성(RAG)", "retrieval-augmented generation", F_AI),
    t("멀티모달 학습", "multimodal learning", F_AI),
    t("연합학습", "federated learning", F_AI),
    t("설명가능 AI", "explainable AI", F_AI),
    t("강화학습", "reinforcement learning", F_AI),
    t("컴퓨터비전", "computer vision", F_AI),
    t(
        "한국어 자연어처리",
        "Korean natural language processing",
        F_AI,
    ),
    t("시계열 이상탐지", "time-series anomaly detection", F_AI),
    t("지식그래프", "knowledge graphs", F_AI),
    t("생성형 AI", "generative AI", F_AI),
    t("음성인식", "speech recognition", F_AI),
    t("엣지 AI", "edge AI", F_IOT),
    t("AI 신뢰성 검증", "trustworthy AI evaluation", F_SEC),
    t("데이터 라벨링 자동화", "automated data labeling", F_AI),
];

const MFG_TOPICS: &[Topic] = &[
    t("스마트팩토리 MES", "MES for smart factories", F_MFG),
    t("디지털트윈", "digital twins", F_TWIN),
    t("머신비전", "machine vision", F_MFG),
    t("설비 예지보전", "predictive maintenance", F_MFG),
    t("공정 최적화", "process optimization", F_MFG),
    t("산업용 IoT", "industrial IoT", F_IOT),
    t("제조 데이터 플랫폼", "manufacturing data platforms", F_MFG),
    t(
        "협동로봇 공정 자동화",
        "cobot-based process automation",
        F_ROBOT,
    ),
    t("PLC 제어", "PLC-based control", F_MFG),
    t("품질 검사 자동화", "automated quality inspection", F_MFG),
    t("OPC UA 통신", "OPC UA interoperability", F_IOT),
    t("가상 시운전", "virtual commissioning", F_TWIN),
    t(
        "뿌리산업 디지털 전환",
        "digital transformation of root industries",
        F_MFG,
    ),
    t("자산관리셸(AAS)", "Asset Administration Shell", F_TWIN),
];

const BIO_TOPICS: &[Topic] = &[
    t("의료영상 AI", "medical imaging AI", F_BIO),
    t(
        "웨어러블 생체신호 측정",
        "wearable biosignal sensing",
        F_SENSOR,
    ),
    t("디지털 치료제", "digital therapeutics", F_BIO),
    t(
        "체외진단 바이오센서",
        "in-vitro diagnostic biosensors",
        F_SENSOR,
    ),
    t("원격 환자 모니터링", "remote patient monitoring", F_BIO),
    t(
        "의료기기 인허가",
        "medical device regulatory science",
        F_BIO,
    ),
    t("심전도 분석", "ECG analysis", F_BIO),
    t("헬스케어 데이터 플랫폼", "healthcare data platforms", F_BIO),
    t("랩온어칩", "lab-on-a-chip devices", F_MAT),
    t("수면 모니터링", "sleep monitoring", F_BIO),
    t("뇌-컴퓨터 인터페이스", "brain-computer interfaces", F_BIO),
    t("재활 로봇", "rehabilitation robotics", F_ROBOT),
    t("디지털 병리", "digital pathology", F_AI),
];

const ENERGY_TOPICS: &[Topic] = &[
    t("BMS 알고리즘", "battery management algorithms", F_BATTERY),
    t(
        "이차전지 열폭주",
        "thermal runaway in Li-ion batteries",
        F_BATTERY,
    ),
    t("에너지저장장치(ESS)", "energy storage systems", F_ENERGY),
    t("스마트그리드", "smart grids", F_ENERGY),
    t("태양광 발전량 예측", "PV power forecasting", F_ENERGY),
    t("마이크로그리드 운영", "microgrid operation", F_ENERGY),
    t("전력변환 회로", "power conversion circuits", F_ENERGY),
    t("가상발전소(VPP)", "virtual power plants", F_ENERGY),
    t("수요반응(DR)", "demand response", F_ENERGY),
    t(
        "배터리 잔존수명 예측",
        "battery remaining-useful-life prediction",
        F_BATTERY,
    ),
    t(
        "사용후 배터리 재사용",
        "second-life battery reuse",
        F_BATTERY,
    ),
    t("수소연료전지 제어", "hydrogen fuel-cell control", F_ENERGY),
    t(
        "건물 에너지 관리(BEMS)",
        "building energy management",
        F_ENERGY,
    ),
];

const MOBILITY_TOPICS: &[Topic] = &[
    t("자율주행 인지", "perception for autonomous driving", F_AUTO),
    t("라이다 센서 융합", "LiDAR sensor fusion", F_SENSOR),
    t("V2X 통신", "V2X communication", F_NET),
    t("차량용 SoC", "automotive SoCs", F_SEMI),
    t("차량 사이버보안", "automotive cybersecurity", F_SEC),
    t(
        "소프트웨어 중심 자동차(SDV)",
        "software-defined vehicles",
        F_AUTO,
    ),
    t("전기차 충전 인프라", "EV charging infrastructure", F_ENERGY),
    t("정밀 측위", "high-precision positioning", F_AUTO),
    t("주행 시뮬레이션", "driving simulation", F_TWIN),
    t("도심항공모빌리티(UAM)", "urban air mobility", F_AUTO),
    t("자율주행 배송로봇", "autonomous delivery robots", F_ROBOT),
    t("차량용 이더넷", "automotive Ethernet", F_NET),
    t(
        "기능안전(ISO 26262)",
        "functional safety (ISO 26262)",
        F_AUTO,
    ),
];

const COMM_TOPICS: &[Topic] = &[
    t("5G 네트워크 슬라이싱", "5G network slicing", F_NET),
    t("6G 무선접속", "6G radio access", F_NET),
    t("오픈랜(O-RAN)", "Open RAN", F_NET),
    t("밀리미터파 안테나", "mmWave antennas", F_NET),
    t("5G 특화망", "private 5G networks", F_NET),
    t("위성통신", "satellite communications", F_NET),
    t("저전력 광역 IoT", "low-power wide-area IoT", F_IOT),
    t(
        "시간민감형 네트워크(TSN)",
        "time-sensitive networking",
        F_NET,
    ),
    t("네트워크 자동화", "network automation", F_NET),
    t("엣지 컴퓨팅", "edge computing", F_IOT),
    t("RF 프런트엔드", "RF front-end design", F_NET),
    t("양자암호통신", "quantum key distribution", F_SEC),
    t("무선 전력 전송", "wireless power transfer", F_NET),
];

const DISPLAY_TOPICS: &[Topic] = &[
    t("마이크로 LED", "micro-LED displays", F_DISPLAY),
    t("OLED 구동회로", "OLED driving circuits", F_DISPLAY),
    t("스트레처블 디스플레이", "stretchable displays", F_DISPLAY),
    t("가스센서", "gas sensors", F_SENSOR),
    t("MEMS 센서", "MEMS sensors", F_SENSOR),
    t("이미지센서", "image sensors", F_SENSOR),
    t("플렉서블 전자소자", "flexible electronics", F_MAT),
    t("촉각센서", "tactile sensors", F_SENSOR),
    t("인쇄전자", "printed electronics", F_MAT),
    t("퀀텀닷 소재", "quantum-dot materials", F_MAT),
    t("AR·VR 광학", "AR/VR optics", F_DISPLAY),
    t("센서 신호처리", "sensor signal processing", F_SENSOR),
    t(
        "디스플레이 화질 평가",
        "display image-quality assessment",
        F_DISPLAY,
    ),
];

const ROBOT_TOPICS: &[Topic] = &[
    t("협동로봇", "collaborative robots", F_ROBOT),
    t("로봇 매니퓰레이션", "robotic manipulation", F_ROBOT),
    t("모바일 로봇 SLAM", "SLAM for mobile robots", F_ROBOT),
    t("ROS 2 미들웨어", "ROS 2 middleware", F_ROBOT),
    t("물류 자동화 로봇", "logistics automation robots", F_ROBOT),
    t("인간-로봇 상호작용", "human-robot interaction", F_ROBOT),
    t("로봇 안전 인증", "robot safety certification", F_ROBOT),
    t(
        "로봇 디지털트윈 시뮬레이션",
        "digital-twin robot simulation",
        F_TWIN,
    ),
    t("그리퍼 설계", "gripper design", F_ROBOT),
    t("로봇 비전", "robot vision", F_AI),
    t("서비스 로봇", "service robots", F_ROBOT),
    t("자율 작업 계획", "autonomous task planning", F_AI),
];

const SECURITY_TOPICS: &[Topic] = &[
    t("IoT 기기 보안", "IoT device security", F_SEC),
    t(
        "제어시스템(ICS) 보안",
        "industrial control system security",
        F_SEC,
    ),
    t("양자내성암호(PQC)", "post-quantum cryptography", F_SEC),
    t("악성코드 탐지", "malware detection", F_SEC),
    t(
        "펌웨어 취약점 분석",
        "firmware vulnerability analysis",
        F_SEC,
    ),
    t("제로트러스트", "zero-trust architecture", F_SEC),
    t("블록체인", "blockchain", F_SEC),
    t("개인정보 비식별화", "data de-identification", F_SEC),
    t("CC 보안 인증 평가", "Common Criteria evaluation", F_SEC),
    t("하드웨어 보안 모듈", "hardware security modules", F_SEMI),
    t("침입탐지 시스템", "intrusion detection systems", F_SEC),
    t("AI 모델 보안", "adversarial robustness of AI models", F_AI),
    t(
        "소프트웨어 공급망 보안(SBOM)",
        "software supply-chain security",
        F_SEC,
    ),
];

// ---------------------------------------------------------------------------------------------
// Venues
// ---------------------------------------------------------------------------------------------

const COMMON_VENUES_EN: &[Venue] = &[
    v("IEEE Access", Doi::Ieee("ACCESS")),
    v("Sensors", Doi::Mdpi("s", 2000)),
    v("Electronics", Doi::Mdpi("electronics", 2011)),
    v("Applied Sciences", Doi::Mdpi("app", 2010)),
    v("ETRI Journal", Doi::Etri),
];

const COMMON_VENUES_KO: &[Venue] = &[
    v("대한전자공학회 논문지", Doi::Korean("10.5573/ieie", 1963)),
    v("한국정보통신학회논문지", Doi::None),
    v("한국산학기술학회 논문지", Doi::Korean("10.5762/KAIS", 1999)),
];

// ---------------------------------------------------------------------------------------------
// Divisions
// ---------------------------------------------------------------------------------------------

const COMMON_FUNDERS: &[&str] = &[
    "산업통상자원부",
    "과학기술정보통신부",
    "중소벤처기업부",
    "한국산업기술평가관리원",
    "정보통신기획평가원",
    "한국연구재단",
    "한국산업기술진흥원",
];

const DIVISIONS: &[Division] = &[
    Division {
        ko: "지능형반도체연구센터",
        en: "Intelligent Semiconductor Research Center",
        domain_ko: "시스템반도체",
        domain_en: "system semiconductors",
        demo_count: 38,
        sites: &[("성남", 6), ("광주", 2), ("서울", 1)],
        topics: SEMI_TOPICS,
        employers: &[
            o("삼성전자", "Samsung Electronics"),
            o("SK하이닉스", "SK hynix"),
            o("DB하이텍", "DB HiTek"),
            o("매그나칩반도체", "Magnachip Semiconductor"),
            o("한국전자통신연구원", "ETRI"),
        ],
        artifacts: &["테스트 장치", "회로", "메모리 시스템", "검사 장치"],
        metrics: &["전력 효율", "테스트 시간", "수율", "검출 정확도"],
        funders: &[
            "산업통상자원부",
            "한국산업기술평가관리원",
            "과학기술정보통신부",
        ],
        venues_en: &[
            v(
                "IEEE Transactions on Semiconductor Manufacturing",
                Doi::Ieee("TSM"),
            ),
            v("IEEE Journal of Solid-State Circuits", Doi::Ieee("JSSC")),
            v(
                "IEEE Transactions on Circuits and Systems I: Regular Papers",
                Doi::Ieee("TCSI"),
            ),
            v(
                "IEEE Transactions on Very Large Scale Integration (VLSI) Systems",
                Doi::Ieee("TVLSI"),
            ),
            v(
                "Journal of Semiconductor Technology and Science",
                Doi::Korean("10.5573/JSTS", 2000),
            ),
        ],
        venues_ko: &[
            v("대한전자공학회 논문지", Doi::Korean("10.5573/ieie", 1963)),
            v("반도체디스플레이기술학회지", Doi::None),
        ],
        offers: [80, 50, 55, 60, 30],
    },
    Division {
        ko: "인공지능연구센터",
        en: "Artificial Intelligence Research Center",
        domain_ko: "인공지능 서비스",
        domain_en: "AI services",
        demo_count: 40,
        sites: &[("성남", 5), ("서울", 4), ("광주", 1)],
        topics: AI_TOPICS,
        employers: &[
            o("네이버", "NAVER"),
            o("카카오", "Kakao"),
            o("LG AI연구원", "LG AI Research"),
            o("삼성SDS", "Samsung SDS"),
            o("한국전자통신연구원", "ETRI"),
            o("KT", "KT"),
        ],
        artifacts: &["학습 장치", "추론 시스템", "데이터 처리 장치"],
        metrics: &["추론 속도", "정확도", "학습 효율", "메모리 사용량"],
        funders: &[
            "정보통신기획평가원",
            "과학기술정보통신부",
            "정보통신산업진흥원",
        ],
        venues_en: &[
            v("Neural Networks", Doi::Elsevier("neunet")),
            v("Pattern Recognition Letters", Doi::Elsevier("patrec")),
            v("Expert Systems with Applications", Doi::Elsevier("eswa")),
            v(
                "IEEE Transactions on Neural Networks and Learning Systems",
                Doi::Ieee("TNNLS"),
            ),
            v(
                "Proceedings of the AAAI Conference on Artificial Intelligence",
                Doi::None,
            ),
            v(
                "Findings of the Association for Computational Linguistics: EMNLP",
                Doi::None,
            ),
        ],
        venues_ko: &[
            v("정보과학회논문지", Doi::Korean("10.5626/JOK", 1973)),
            v(
                "정보처리학회논문지 소프트웨어 및 데이터 공학",
                Doi::Korean("10.3745/KTSDE", 2011),
            ),
            v("한국정보과학회 학술발표논문집", Doi::None),
        ],
        offers: [85, 60, 10, 15, 45],
    },
    Division {
        ko: "스마트제조혁신센터",
        en: "Smart Manufacturing Innovation Center",
        domain_ko: "스마트제조",
        domain_en: "smart manufacturing",
        demo_count: 36,
        sites: &[("부천", 4), ("창원", 3), ("대구", 2), ("성남", 2)],
        topics: MFG_TOPICS,
        employers: &[
            o("LS일렉트릭", "LS ELECTRIC"),
            o("현대위아", "Hyundai WIA"),
            o("두산에너빌리티", "Doosan Enerbility"),
            o("한화정밀기계", "Hanwha Precision Machinery"),
            o("삼성SDS", "Samsung SDS"),
            o("한국생산기술연구원", "KITECH"),
        ],
        artifacts: &["모니터링 시스템", "제어 장치", "검사 장치"],
        metrics: &["설비 가동률", "불량률", "생산성", "검사 정확도"],
        funders: &[
            "중소벤처기업부",
            "산업통상자원부",
            "한국산업기술진흥원",
            "중소기업기술정보진흥원",
        ],
        venues_en: &[
            v("Journal of Manufacturing Systems", Doi::Elsevier("jmsy")),
            v(
                "IEEE Transactions on Industrial Informatics",
                Doi::Ieee("TII"),
            ),
            v(
                "International Journal of Precision Engineering and Manufacturing",
                Doi::None,
            ),
            v("Computers in Industry", Doi::Elsevier("compind")),
        ],
        venues_ko: &[
            v("한국정밀공학회지", Doi::Korean("10.7736/JKSPE", 1983)),
            v("대한산업공학회지", Doi::None),
            v(
                "제어·로봇·시스템학회 논문지",
                Doi::Korean("10.5302/J.ICROS", 1994),
            ),
        ],
        offers: [75, 45, 45, 55, 50],
    },
    Division {
        ko: "바이오헬스융합연구센터",
        en: "Bio-Health Convergence Research Center",
        domain_ko: "디지털 헬스케어",
        domain_en: "digital healthcare",
        demo_count: 30,
        sites: &[("성남", 4), ("전북", 3), ("서울", 2)],
        topics: BIO_TOPICS,
        employers: &[
            o("서울대학교병원", "Seoul National University Hospital"),
            o("삼성서울병원", "Samsung Medical Center"),
            o("뷰노", "VUNO"),
            o("루닛", "Lunit"),
            o("인바디", "InBody"),
        ],
        artifacts: &["진단 장치", "측정 장치", "분석 시스템"],
        metrics: &["진단 정확도", "측정 정밀도", "민감도"],
        funders: &[
            "보건복지부",
            "한국보건산업진흥원",
            "범부처전주기의료기기연구개발사업단",
        ],
        venues_en: &[
            v(
                "IEEE Journal of Biomedical and Health Informatics",
                Doi::Ieee("JBHI"),
            ),
            v("Biosensors and Bioelectronics", Doi::Elsevier("bios")),
            v("Medical Image Analysis", Doi::Elsevier("media")),
            v("Scientific Reports", Doi::None),
        ],
        venues_ko: &[
            v("의공학회지", Doi::None),
            v("대한전자공학회 논문지", Doi::Korean("10.5573/ieie", 1963)),
        ],
        offers: [75, 45, 40, 35, 35],
    },
    Division {
        ko: "에너지IT융합연구센터",
        en: "Energy IT Convergence Research Center",
        domain_ko: "전력·에너지",
        domain_en: "power and energy systems",
        demo_count: 30,
        sites: &[("광주", 4), ("전북", 3), ("성남", 2)],
        topics: ENERGY_TOPICS,
        employers: &[
            o("LG에너지솔루션", "LG Energy Solution"),
            o("삼성SDI", "Samsung SDI"),
            o("SK온", "SK On"),
            o("한국전력공사", "KEPCO"),
            o("한국전기연구원", "KERI"),
            o("LS일렉트릭", "LS ELECTRIC"),
        ],
        artifacts: &["관리 장치", "제어 시스템", "진단 장치"],
        metrics: &["에너지 효율", "예측 정확도", "안전성"],
        funders: &["한국에너지기술평가원", "산업통상자원부"],
        venues_en: &[
            v("Journal of Power Sources", Doi::Elsevier("jpowsour")),
            v("IEEE Transactions on Smart Grid", Doi::Ieee("TSG")),
            v("Energies", Doi::Mdpi("en", 2007)),
            v("IEEE Transactions on Power Electronics", Doi::Ieee("TPEL")),
            v("Applied Energy", Doi::Elsevier("apenergy")),
        ],
        venues_ko: &[
            v("전기학회논문지", Doi::Korean("10.5370/KIEE", 1951)),
            v("전력전자학회 논문지", Doi::None),
        ],
        offers: [75, 45, 50, 45, 35],
    },
    Division {
        ko: "모빌리티플랫폼연구센터",
        en: "Mobility Platform Research Center",
        domain_ko: "미래 모빌리티",
        domain_en: "future mobility",
        demo_count: 30,
        sites: &[("광주", 3), ("대구", 3), ("성남", 3)],
        topics: MOBILITY_TOPICS,
        employers: &[
            o("현대자동차", "Hyundai Motor Company"),
            o("현대모비스", "Hyundai Mobis"),
            o("HL만도", "HL Mando"),
            o("LG이노텍", "LG Innotek"),
            o("한국자동차연구원", "KATECH"),
        ],
        artifacts: &["차량 제어 장치", "인지 시스템", "통신 장치"],
        metrics: &["인지 정확도", "측위 정밀도", "통신 지연"],
        funders: &["국토교통부", "국토교통과학기술진흥원", "산업통상자원부"],
        venues_en: &[
            v(
                "IEEE Transactions on Intelligent Transportation Systems",
                Doi::Ieee("TITS"),
            ),
            v(
                "IEEE Transactions on Vehicular Technology",
                Doi::Ieee("TVT"),
            ),
            v("IEEE Robotics and Automation Letters", Doi::Ieee("LRA")),
        ],
        venues_ko: &[
            v("한국자동차공학회논문집", Doi::Korean("10.7467/KSAE", 1992)),
            v("한국ITS학회논문지", Doi::None),
        ],
        offers: [80, 45, 40, 40, 30],
    },
    Division {
        ko: "통신네트워크연구센터",
        en: "Communications & Networks Research Center",
        domain_ko: "차세대 통신",
        domain_en: "next-generation networks",
        demo_count: 30,
        sites: &[("성남", 6), ("서울", 3)],
        topics: COMM_TOPICS,
        employers: &[
            o("삼성전자", "Samsung Electronics"),
            o("KT", "KT"),
            o("SK텔레콤", "SK Telecom"),
            o("LG유플러스", "LG Uplus"),
            o("한국전자통신연구원", "ETRI"),
            o("쏠리드", "SOLiD"),
        ],
        artifacts: &["기지국 장치", "통신 시스템", "송수신 장치"],
        metrics: &["전송 효율", "통신 지연", "주파수 효율"],
        funders: &["정보통신기획평가원", "과학기술정보통신부"],
        venues_en: &[
            v("IEEE Communications Magazine", Doi::Ieee("MCOM")),
            v(
                "IEEE Transactions on Wireless Communications",
                Doi::Ieee("TWC"),
            ),
            v("IEEE Communications Letters", Doi::Ieee("LCOMM")),
            v("IEEE Internet of Things Journal", Doi::Ieee("JIOT")),
        ],
        venues_ko: &[
            v("한국통신학회논문지", Doi::Korean("10.7840/kics", 1975)),
            v("한국전자파학회논문지", Doi::Korean("10.5515/KJKIEES", 1989)),
        ],
        offers: [80, 50, 45, 40, 30],
    },
    Division {
        ko: "디스플레이·센서연구센터",
        en: "Display & Sensor Research Center",
        domain_ko: "디스플레이·센서",
        domain_en: "displays and sensors",
        demo_count: 26,
        sites: &[("성남", 4), ("전북", 3), ("부천", 2)],
        topics: DISPLAY_TOPICS,
        employers: &[
            o("삼성디스플레이", "Samsung Display"),
            o("LG디스플레이", "LG Display"),
            o("LG이노텍", "LG Innotek"),
            o("삼성전기", "Samsung Electro-Mechanics"),
            o("한국전자통신연구원", "ETRI"),
        ],
        artifacts: &["센서 소자", "표시 장치", "구동 회로"],
        metrics: &["감도", "발광 효율", "수명"],
        funders: &["한국산업기술평가관리원", "산업통상자원부"],
        venues_en: &[
            v("Journal of the Society for Information Display", Doi::None),
            v("Sensors and Actuators B: Chemical", Doi::Elsevier("snb")),
            v("IEEE Sensors Journal", Doi::Ieee("JSEN")),
            v("IEEE Electron Device Letters", Doi::Ieee("LED")),
        ],
        venues_ko: &[
            v("센서학회지", Doi::Korean("10.46670/JSST", 1991)),
            v("한국정보디스플레이학회지", Doi::None),
        ],
        offers: [70, 45, 55, 60, 30],
    },
    Division {
        ko: "로봇융합연구센터",
        en: "Robotics Convergence Research Center",
        domain_ko: "지능형 로봇",
        domain_en: "intelligent robotics",
        demo_count: 20,
        sites: &[("부천", 4), ("창원", 3), ("대구", 2)],
        topics: ROBOT_TOPICS,
        employers: &[
            o("두산로보틱스", "Doosan Robotics"),
            o("레인보우로보틱스", "Rainbow Robotics"),
            o("한화로보틱스", "Hanwha Robotics"),
            o("HD현대로보틱스", "HD Hyundai Robotics"),
            o("한국생산기술연구원", "KITECH"),
        ],
        artifacts: &["로봇 제어 장치", "그리퍼 장치", "작업 계획 시스템"],
        metrics: &["작업 성공률", "작업 속도", "안전성"],
        funders: &["한국로봇산업진흥원", "산업통상자원부"],
        venues_en: &[
            v("IEEE Robotics and Automation Letters", Doi::Ieee("LRA")),
            v("Intelligent Service Robotics", Doi::None),
            v(
                "Robotics and Computer-Integrated Manufacturing",
                Doi::Elsevier("rcim"),
            ),
            v("IEEE/ASME Transactions on Mechatronics", Doi::Ieee("TMECH")),
        ],
        venues_ko: &[
            v("로봇학회 논문지", Doi::Korean("10.7746/jkros", 2005)),
            v(
                "제어·로봇·시스템학회 논문지",
                Doi::Korean("10.5302/J.ICROS", 1994),
            ),
        ],
        offers: [75, 50, 40, 45, 35],
    },
    Division {
        ko: "융합보안연구센터",
        en: "Convergence Security Research Center",
        domain_ko: "사이버보안",
        domain_en: "cybersecurity",
        demo_count: 20,
        sites: &[("서울", 5), ("성남", 4)],
        topics: SECURITY_TOPICS,
        employers: &[
            o("안랩", "AhnLab"),
            o("한국인터넷진흥원", "KISA"),
            o("삼성SDS", "Samsung SDS"),
            o("이글루코퍼레이션", "IGLOO Corporation"),
            o("한국전자통신연구원", "ETRI"),
        ],
        artifacts: &["보안 장치", "탐지 시스템", "인증 장치"],
        metrics: &["탐지율", "오탐률", "처리 성능"],
        funders: &["정보통신기획평가원", "한국인터넷진흥원"],
        venues_en: &[
            v("Computers & Security", Doi::Elsevier("cose")),
            v(
                "IEEE Transactions on Information Forensics and Security",
                Doi::Ieee("TIFS"),
            ),
            v(
                "IEEE Transactions on Dependable and Secure Computing",
                Doi::Ieee("TDSC"),
            ),
        ],
        venues_ko: &[
            v("정보보호학회논문지", Doi::Korean("10.13089/JKIISC", 1990)),
            v("한국정보통신학회논문지", Doi::None),
        ],
        offers: [70, 50, 45, 15, 55],
    },
];

/// Indices into `DIVISIONS` of the homes of some edge-case demo profiles.
const AI_DIVISION: usize = 1;
const MFG_DIVISION: usize = 2;
const COMM_DIVISION: usize = 6;

// ---------------------------------------------------------------------------------------------
// Universities
// ---------------------------------------------------------------------------------------------

const UNIVERSITIES: &[Org] = &[
    o("KAIST", "KAIST"),
    o("서울대학교", "Seoul National University"),
    o("포항공과대학교", "POSTECH"),
    o("연세대학교", "Yonsei University"),
    o("고려대학교", "Korea University"),
    o("성균관대학교", "Sungkyunkwan University"),
    o("한양대학교", "Hanyang University"),
    o("광주과학기술원", "GIST"),
    o("대구경북과학기술원", "DGIST"),
    o("울산과학기술원", "UNIST"),
    o("전북대학교", "Jeonbuk National University"),
    o("전남대학교", "Chonnam National University"),
    o("경북대학교", "Kyungpook National University"),
    o("부산대학교", "Pusan National University"),
    o("인하대학교", "Inha University"),
    o("아주대학교", "Ajou University"),
];

const FOREIGN_UNIVERSITIES: &[Org] = &[
    o("조지아공과대학교", "Georgia Institute of Technology"),
    o("미시간대학교", "University of Michigan"),
    o("퍼듀대학교", "Purdue University"),
    o(
        "캘리포니아대학교 샌디에이고",
        "University of California, San Diego",
    ),
    o("뮌헨공과대학교", "Technical University of Munich"),
    o("도쿄대학", "The University of Tokyo"),
    o("싱가포르국립대학교", "National University of Singapore"),
];

const AWARDS: &[(&str, &str)] = &[
    (
        "과학기술정보통신부 장관 표창",
        "Minister of Science and ICT Commendation",
    ),
    (
        "산업통상자원부 장관 표창",
        "Minister of Trade, Industry and Energy Commendation",
    ),
    ("대한전자공학회 우수논문상", "IEIE Best Paper Award"),
    (
        "국가연구개발 우수성과 100선 선정",
        "Selected for the National R&D Top 100 Achievements",
    ),
    (
        "한국전자정보기술연구원 올해의 연구자상",
        "Institute Researcher of the Year",
    ),
];

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

/// A family name: Hangul, the usual romanization, a common alternative, and a weight roughly
/// proportional to its share of the population.
struct Surname {
    ko: &'static str,
    en: &'static str,
    alt: &'static str,
    weight: u32,
}

const fn s(ko: &'static str, en: &'static str, alt: &'static str, weight: u32) -> Surname {
    Surname {
        ko,
        en,
        alt,
        weight,
    }
}

const SURNAMES: &[Surname] = &[
    s("김", "Kim", "Gim", 2150),
    s("이", "Lee", "Yi", 1470),
    s("박", "Park", "Bak", 840),
    s("최", "Choi", "Choe", 470),
    s("정", "Jeong", "Jung", 440),
    s("강", "Kang", "", 240),
    s("조", "Cho", "Jo", 210),
    s("윤", "Yoon", "Yun", 200),
    s("장", "Jang", "Chang", 190),
    s("임", "Lim", "Im", 160),
    s("한", "Han", "", 150),
    s("오", "Oh", "O", 150),
    s("서", "Seo", "Suh", 140),
    s("신", "Shin", "Sin", 140),
    s("권", "Kwon", "Gwon", 130),
    s("황", "Hwang", "", 130),
    s("안", "Ahn", "An", 130),
    s("송", "Song", "", 130),
    s("류", "Ryu", "Yoo", 110),
    s("홍", "Hong", "", 110),
    s("전", "Jeon", "Jun", 110),
    s("고", "Ko", "Go", 90),
    s("문", "Moon", "Mun", 90),
    s("양", "Yang", "", 90),
    s("손", "Son", "", 90),
    s("배", "Bae", "", 80),
    s("백", "Baek", "Paik", 80),
    s("허", "Heo", "Huh", 60),
    s("남", "Nam", "", 50),
    s("노", "Noh", "Roh", 50),
    s("남궁", "Namgung", "Namkoong", 3),
    s("황보", "Hwangbo", "", 2),
    s("선우", "Sunwoo", "Seonu", 2),
];

/// Given-name syllables: Hangul, Revised Romanization, and the popular spelling people often
/// choose for themselves (Hyun, Woo, Young…).
const SYLLABLES: &[(&str, &str, &str)] = &[
    ("가", "ga", "ga"),
    ("건", "geon", "gun"),
    ("경", "gyeong", "kyung"),
    ("광", "gwang", "kwang"),
    ("규", "gyu", "kyu"),
    ("근", "geun", "keun"),
    ("기", "gi", "ki"),
    ("나", "na", "na"),
    ("다", "da", "da"),
    ("도", "do", "do"),
    ("동", "dong", "dong"),
    ("람", "ram", "ram"),
    ("란", "ran", "ran"),
    ("린", "rin", "rin"),
    ("명", "myeong", "myung"),
    ("미", "mi", "mi"),
    ("민", "min", "min"),
    ("범", "beom", "bum"),
    ("보", "bo", "bo"),
    ("비", "bi", "bi"),
    ("빈", "bin", "bin"),
    ("상", "sang", "sang"),
    ("서", "seo", "seo"),
    ("석", "seok", "seok"),
    ("선", "seon", "sun"),
    ("성", "seong", "sung"),
    ("세", "se", "se"),
    ("소", "so", "so"),
    ("솔", "sol", "sol"),
    ("수", "su", "soo"),
    ("숙", "suk", "sook"),
    ("승", "seung", "seung"),
    ("아", "a", "a"),
    ("연", "yeon", "yeon"),
    ("영", "yeong", "young"),
    ("예", "ye", "ye"),
    ("용", "yong", "yong"),
    ("우", "u", "woo"),
    ("욱", "uk", "wook"),
    ("원", "won", "won"),
    ("유", "yu", "yoo"),
    ("윤", "yun", "yoon"),
    ("은", "eun", "eun"),
    ("인", "in", "in"),
    ("재", "jae", "jae"),
    ("정", "jeong", "jung"),
    ("주", "ju", "joo"),
    ("준", "jun", "jun"),
    ("지", "ji", "ji"),
    ("진", "jin", "jin"),
    ("찬", "chan", "chan"),
    ("채", "chae", "chae"),
    ("철", "cheol", "chul"),
    ("태", "tae", "tae"),
    ("하", "ha", "ha"),
    ("혁", "hyeok", "hyuk"),
    ("현", "hyeon", "hyun"),
    ("형", "hyeong", "hyung"),
    ("혜", "hye", "hye"),
    ("호", "ho", "ho"),
    ("화", "hwa", "hwa"),
    ("환", "hwan", "hwan"),
    ("효", "hyo", "hyo"),
    ("훈", "hun", "hoon"),
    ("희", "hui", "hee"),
];

/// Given names of researchers born between the late 1960s and 2000.
const GIVEN_NAMES: &[&str] = &[
    "서연", "민준", "지훈", "현우", "수빈", "지민", "예은", "도윤", "하은", "준호", "성민", "재현",
    "승현", "은지", "혜진", "유진", "동현", "상훈", "영호", "정훈", "미경", "은영", "경수", "태현",
    "석진", "성호", "영수", "정민", "지영", "수진", "현정", "민정", "상우", "준혁", "진우", "동욱",
    "승우", "혜원", "은정", "소영", "지수", "민수", "재훈", "성훈", "태훈", "현수", "주연", "다은",
    "서현", "지원", "승민", "용준", "광호", "기현", "규현", "나연", "건우", "범준", "선희", "화영",
    "명수", "채원", "찬호", "형준", "근영", "효진", "보람", "세영", "가은", "정아", "유나", "소희",
    "민지", "윤서", "하준", "주원", "예진", "수정", "현아", "영미", "미란", "경희", "명희", "정숙",
    "인호", "용석", "철민", "광수", "기석", "상철", "성진", "동진", "재영", "진영", "태영", "성우",
    "인영", "혜린", "세진", "수현", "준영", "민혁", "동건", "태욱", "승욱", "재욱", "현석", "성범",
    "정환", "동환", "재희", "승희", "은희", "지혜", "선영", "선우", "인선", "경민", "도현", "솔비",
];

/// One-syllable given names (김현, 이준…), a small share of people.
const SINGLE_GIVEN_NAMES: &[&str] = &["현", "준", "솔", "린", "혁", "훈", "진", "원", "민"];

// ---------------------------------------------------------------------------------------------
// Random numbers
// ---------------------------------------------------------------------------------------------

/// splitmix64: tiny, fast, and good enough for demo data.
#[derive(Clone, Debug)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`; 0 when `n` is 0.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`; `lo` when the range is empty.
    fn between(&mut self, lo: i32, hi: i32) -> i32 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo) as usize + 1) as i32
    }

    /// True with the given chance in percent.
    fn percent(&mut self, chance: u32) -> bool {
        (self.below(100) as u32) < chance
    }

    /// One item of a non-empty slice (every table here is non-empty; see the tests).
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index drawn with the given weights.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
        let mut r = self.below(total as usize) as u64;
        for (i, &w) in weights.iter().enumerate() {
            if r < u64::from(w) {
                return i;
            }
            r -= u64::from(w);
        }
        weights.len().saturating_sub(1)
    }

    /// An item of a weighted table.
    fn pick_weighted<'a, T>(&mut self, items: &'a [(T, u32)]) -> &'a T {
        let weights: Vec<u32> = items.iter().map(|(_, w)| *w).collect();
        &items[self.weighted(&weights)].0
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }

    /// `k` distinct indices below `n`, in random order.
    fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        let k = k.min(n);
        for i in 0..k {
            let j = i + self.below(n - i);
            all.swap(i, j);
        }
        all.truncate(k);
        all
    }

    /// A string of `len` characters from `alphabet`.
    fn code(&mut self, alphabet: &[u8], len: usize) -> String {
        (0..len).map(|_| char::from(*self.pick(alphabet))).collect()
    }
}

/// A well-mixed seed for item `index` of a stream seeded with `seed`.
fn mix(seed: u64, index: u64) -> u64 {
    Rng::new(seed ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03)).next_u64()
}

const URL_SAFE: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// ---------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------

/// The final sound (받침) of a word, as far as particles care.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Coda {
    /// Ends in a vowel: 를, 가, 는, 와, 로.
    Open,
    /// Ends in ㄹ: 을, 이, 은, 과, but 로.
    Rieul,
    /// Ends in another consonant: 을, 이, 은, 과, 으로.
    Closed,
}

/// The final sound of `word`, reading a trailing acronym or digit the Korean way (엠, 엘, 일…)
/// and skipping a trailing parenthesis such as "(ESS)".
fn coda(word: &str) -> Coda {
    let mut w = word.trim_end();
    if w.ends_with(')')
        && let Some(open) = w.rfind('(')
        && open > 0
    {
        w = w[..open].trim_end();
    }
    match w.chars().last() {
        Some(c @ '가'..='힣') => match (u32::from(c) - 0xAC00) % 28 {
            0 => Coda::Open,
            8 => Coda::Rieul,
            _ => Coda::Closed,
        },
        // 엘, 알, 일, 칠, 팔
        Some('L' | 'R' | '1' | '7' | '8') => Coda::Rieul,
        // 엠, 엔, 영, 삼, 육
        Some('M' | 'N' | '0' | '3' | '6') => Coda::Closed,
        _ => Coda::Open,
    }
}

/// A Korean particle that changes with the preceding sound.
#[derive(Clone, Copy, Debug)]
enum Josa {
    /// 을/를
    Eul,
    /// 이/가
    I,
    /// 은/는
    Eun,
    /// 과/와
    Gwa,
    /// 으로/로
    Euro,
}

/// `word` followed by the right form of `josa`.
fn josa(word: &str, josa: Josa) -> String {
    let open = coda(word) == Coda::Open;
    let suffix = match josa {
        Josa::Eul => {
            if open {
                "를"
            } else {
                "을"
            }
        }
        Josa::I => {
            if open {
                "가"
            } else {
                "이"
            }
        }
        Josa::Eun => {
            if open {
                "는"
            } else {
                "은"
            }
        }
        Josa::Gwa => {
            if open {
                "와"
            } else {
                "과"
            }
        }
        Josa::Euro => {
            if coda(word) == Coda::Closed {
                "으로"
            } else {
                "로"
            }
        }
    };
    format!("{word}{suffix}")
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Title case for English titles: lowercase words are capitalized, minor words after the first
/// are not, and words that already hold capitals (mmWave, LiDAR, SoC) stay as written.
fn title_case(text: &str) -> String {
    const MINOR: [&str; 12] = [
        "a", "an", "and", "as", "at", "for", "in", "of", "on", "the", "to", "with",
    ];
    text.split(' ')
        .enumerate()
        .map(|(i, w)| {
            let plain = w.chars().all(|c| c.is_ascii_lowercase() || c == '-');
            if !plain || (i > 0 && MINOR.contains(&w)) {
                w.to_string()
            } else {
                capitalize(w)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// "a", "a and b", "a, b and c".
fn join_en(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// An English organisation name as it reads after "at": "the University of Michigan".
fn with_article(org: &str) -> String {
    let needs_the = [
        "University of",
        "Technical University",
        "National University",
    ]
    .iter()
    .any(|p| org.starts_with(p));
    if needs_the {
        format!("the {org}")
    } else {
        org.to_string()
    }
}

/// `YYYY-MM`.
fn ym(year: i32, month: u32) -> String {
    format!("{year}-{month:02}")
}

/// The month before `(year, month)`.
fn prev_month(year: i32, month: u32) -> (i32, u32) {
    if month <= 1 {
        (year - 1, 12)
    } else {
        (year, month - 1)
    }
}

/// The month after `(year, month)`.
fn next_month(year: i32, month: u32) -> (i32, u32) {
    if month >= 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    }
}

// ---------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------

/// The name-related parts of a card.
struct Person {
    name: String,
    name_en: String,
    variants: Vec<String>,
    /// The name used in later English sentences ("Kim", "Raman").
    family_en: String,
    /// The part of the email address before the `@`, before de-duplication.
    email_local: String,
}

/// The RR and popular romanizations of one given-name syllable.
fn romanize_syllable(c: char) -> (&'static str, &'static str) {
    let mut buf = [0u8; 4];
    let key: &str = c.encode_utf8(&mut buf);
    SYLLABLES
        .iter()
        .find(|(h, _, _)| *h == key)
        .map_or(("", ""), |&(_, rr, popular)| (rr, popular))
}

fn surname(ko: &str) -> &'static Surname {
    SURNAMES.iter().find(|s| s.ko == ko).unwrap_or(&SURNAMES[0])
}

/// A Korean person: name in Hangul, English name in Revised Romanization (customary family
/// name, "Seoyeon Kim"), and the spellings people also search for.
fn korean_person(rng: &mut Rng, family: &'static Surname, given: &str) -> Person {
    let parts: Vec<(&str, &str)> = given.chars().map(romanize_syllable).collect();
    let rr: String = parts.iter().map(|(r, _)| *r).collect();
    let popular: String = parts.iter().map(|(_, p)| *p).collect();
    let rr = capitalize(&rr);
    let popular = capitalize(&popular);
    let hyphen_lower = capitalize(&parts.iter().map(|(r, _)| *r).collect::<Vec<_>>().join("-"));
    let hyphen_upper = parts
        .iter()
        .map(|(r, _)| capitalize(r))
        .collect::<Vec<_>>()
        .join("-");
    let name_en = format!("{rr} {}", family.en);

    let mut candidates = vec![format!("{} {hyphen_lower}", family.en)];
    if parts.len() > 1 {
        candidates.push(format!("{hyphen_upper} {}", family.en));
    }
    if popular != rr {
        candidates.push(format!("{popular} {}", family.en));
    }
    if !family.alt.is_empty() && rng.percent(35) {
        candidates.push(format!("{rr} {}", family.alt));
    }
    let mut variants: Vec<String> = Vec::new();
    for c in candidates {
        if c != name_en && !variants.contains(&c) {
            variants.push(c);
        }
    }
    Person {
        name: format!("{}{given}", family.ko),
        email_local: format!("{}.{}", rr.to_lowercase(), family.en.to_lowercase()),
        name_en,
        variants,
        family_en: family.en.to_string(),
    }
}

fn random_korean_person(rng: &mut Rng) -> Person {
    let weights: Vec<u32> = SURNAMES.iter().map(|s| s.weight).collect();
    let family = &SURNAMES[rng.weighted(&weights)];
    let given = if rng.percent(3) {
        *rng.pick(SINGLE_GIVEN_NAMES)
    } else {
        *rng.pick(GIVEN_NAMES)
    };
    korean_person(rng, family, given)
}

/// The namesake of the demo set: two researchers share this name on purpose.
const NAMESAKE: &str = "민준";

/// Who has been generated so far: hands out email local parts (adding 2, 3… for namesakes)
/// and, for the demo set, keeps names unique apart from the deliberate namesakes.
#[derive(Default)]
struct Registry {
    emails: HashMap<String, u32>,
    names: HashSet<String>,
    unique_names: bool,
}

impl Registry {
    /// A registry that keeps names unique (given a few tries) except for [`NAMESAKE`].
    fn unique() -> Registry {
        let mut names = HashSet::new();
        names.insert(format!("김{NAMESAKE}"));
        Registry {
            unique_names: true,
            names,
            ..Registry::default()
        }
    }

    /// A random Korean person, avoiding names already taken when names are kept unique.
    fn person(&mut self, rng: &mut Rng) -> Person {
        let mut person = random_korean_person(rng);
        if self.unique_names {
            for _ in 0..20 {
                if !self.names.contains(&person.name) {
                    break;
                }
                person = random_korean_person(rng);
            }
            self.names.insert(person.name.clone());
        }
        person
    }

    fn email(&mut self, local: &str) -> String {
        let n = self.emails.entry(local.to_string()).or_insert(0);
        *n += 1;
        if *n == 1 {
            format!("{local}@{EMAIL_DOMAIN}")
        } else {
            format!("{local}{n}@{EMAIL_DOMAIN}")
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Grades and careers
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Grade {
    Postdoc,
    Researcher,
    Senior,
    Principal,
    Chief,
    Director,
}

impl Grade {
    const STAFF: [(Grade, u32); 5] = [
        (Grade::Postdoc, 4),
        (Grade::Researcher, 20),
        (Grade::Senior, 34),
        (Grade::Principal, 30),
        (Grade::Chief, 12),
    ];

    fn ko(self) -> &'static str {
        match self {
            Grade::Postdoc => "박사후연구원",
            Grade::Researcher => "연구원",
            Grade::Senior => "선임연구원",
            Grade::Principal => "책임연구원",
            Grade::Chief => "수석연구원",
            Grade::Director => "센터장",
        }
    }

    fn en(self) -> &'static str {
        match self {
            Grade::Postdoc => "Postdoctoral Researcher",
            Grade::Researcher => "Researcher",
            Grade::Senior => "Senior Researcher",
            Grade::Principal => "Principal Researcher",
            Grade::Chief => "Chief Researcher",
            Grade::Director => "Center Director",
        }
    }

    /// Years in which people of this grade joined the institute.
    fn join_years(self) -> (i32, i32) {
        match self {
            Grade::Postdoc => (2023, 2025),
            Grade::Researcher => (2018, 2025),
            Grade::Senior => (2009, 2022),
            Grade::Principal => (2001, 2016),
            Grade::Chief => (1996, 2010),
            Grade::Director => (1997, 2010),
        }
    }

    /// Jobs held before the institute.
    fn prior_jobs(self) -> (i32, i32) {
        match self {
            Grade::Postdoc | Grade::Researcher => (0, 1),
            Grade::Senior => (0, 2),
            Grade::Principal | Grade::Chief | Grade::Director => (1, 3),
        }
    }

    fn projects(self) -> (i32, i32) {
        match self {
            Grade::Postdoc => (1, 2),
            Grade::Researcher => (1, 3),
            Grade::Senior => (2, 4),
            Grade::Principal => (2, 5),
            Grade::Chief | Grade::Director => (3, 5),
        }
    }

    fn publications(self) -> (i32, i32) {
        match self {
            Grade::Postdoc => (1, 5),
            Grade::Researcher => (0, 3),
            Grade::Senior => (1, 6),
            Grade::Principal | Grade::Chief => (2, 8),
            Grade::Director => (3, 8),
        }
    }

    fn patents(self) -> (i32, i32) {
        match self {
            Grade::Postdoc => (0, 1),
            Grade::Researcher => (0, 2),
            Grade::Senior => (0, 3),
            Grade::Principal | Grade::Chief | Grade::Director => (1, 4),
        }
    }

    fn senior(self) -> bool {
        matches!(self, Grade::Principal | Grade::Chief | Grade::Director)
    }
}

/// The last job before the institute, for the bio.
struct Previous {
    org: &'static Org,
    role_en: &'static str,
    years: i32,
    university: bool,
}

/// A career and the facts about it that other parts of the card need.
struct Career {
    entries: Vec<CareerEntry>,
    join: i32,
    join_month: u32,
    previous: Option<Previous>,
    /// The year the researcher left the institute (archived cards).
    left: Option<i32>,
    moved_to: Option<&'static Org>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum OrgKind {
    Company,
    University,
    Foreign,
}

/// A job before the institute, with (year, month) dates.
#[derive(Clone, Copy)]
struct PriorJob {
    org: &'static Org,
    kind: OrgKind,
    start: (i32, u32),
    end: (i32, u32),
}

/// Career entries, oldest first; the institute comes last and is open-ended unless the
/// researcher has left (archived cards), possibly followed by the next employer.
fn career(
    rng: &mut Rng,
    division: &'static Division,
    grade: Grade,
    archived: bool,
    english: bool,
) -> Career {
    let (lo, hi) = grade.join_years();
    let join = rng.between(lo, hi);
    let join_month = *rng.pick(&[1, 3, 3, 4, 7, 9, 9, 10]);
    let monthly = rng.percent(70);
    let date = |y: i32, m: u32| if monthly { ym(y, m) } else { y.to_string() };

    // Stints at the institute: (role, start year, start month).
    let mut stints: Vec<(Grade, i32, u32)> = vec![(grade, join, join_month)];
    match grade {
        Grade::Director => {
            let first = if rng.percent(50) {
                Grade::Principal
            } else {
                Grade::Chief
            };
            let since = rng.between((join + 6).max(2019), 2024);
            stints = vec![
                (first, join, join_month),
                (Grade::Director, since, *rng.pick(&[1, 3, 7])),
            ];
        }
        Grade::Principal | Grade::Chief if rng.percent(50) => {
            let lower = if grade == Grade::Chief {
                Grade::Principal
            } else {
                Grade::Senior
            };
            let promoted = join + rng.between(4, 9);
            if promoted <= 2025 {
                stints = vec![(lower, join, join_month), (grade, promoted, 1)];
            }
        }
        _ => {}
    }

    let moves_on = archived && rng.percent(60);
    let room = 4usize.saturating_sub(stints.len() + usize::from(moves_on));
    let (plo, phi) = grade.prior_jobs();
    let prior_count = (rng.between(plo, phi).max(0) as usize).min(room);

    // Earlier jobs, built backwards from the join date.
    let mut priors: Vec<PriorJob> = Vec::new();
    let (mut cy, mut cm) = (join, join_month);
    for _ in 0..prior_count {
        let end = prev_month(cy, cm);
        let start = (cy - rng.between(1, 6), *rng.pick(&[1, 2, 3, 3, 7, 9]));
        let kind = match (grade, rng.below(100)) {
            (Grade::Postdoc, r) if r < 75 => OrgKind::University,
            (Grade::Postdoc, _) => OrgKind::Foreign,
            // Junior researchers come from companies or from a university lab, not from postdocs.
            (Grade::Researcher, r) if r < 80 => OrgKind::Company,
            (Grade::Researcher, _) => OrgKind::University,
            (_, r) if r < 65 => OrgKind::Company,
            (_, r) if r < 90 => OrgKind::University,
            _ => OrgKind::Foreign,
        };
        let org = match kind {
            OrgKind::Company => rng.pick(division.employers),
            OrgKind::University => rng.pick(UNIVERSITIES),
            OrgKind::Foreign => rng.pick(FOREIGN_UNIVERSITIES),
        };
        priors.push(PriorJob {
            org,
            kind,
            start,
            end,
        });
        (cy, cm) = start;
    }
    priors.reverse();

    let mut entries = Vec::new();
    let mut previous = None;
    for (
        i,
        &PriorJob {
            org,
            kind,
            start,
            end,
        },
    ) in priors.iter().enumerate()
    {
        let (role_ko, role_en) = match (kind, i) {
            (OrgKind::Company, 0) => ("연구원", "Research Engineer"),
            (OrgKind::Company, 1) => ("선임연구원", "Senior Research Engineer"),
            (OrgKind::Company, _) => ("책임연구원", "Principal Research Engineer"),
            (_, _) if matches!(grade, Grade::Postdoc | Grade::Researcher) => {
                ("연구원", "Research Associate")
            }
            (OrgKind::University, 0) => ("박사후연구원", "Postdoctoral Researcher"),
            (OrgKind::University, _) => ("연구교수", "Research Professor"),
            (OrgKind::Foreign, 0) => ("박사후연구원", "Postdoctoral Fellow"),
            (OrgKind::Foreign, _) => ("방문연구원", "Visiting Researcher"),
        };
        entries.push(CareerEntry {
            organization: if english { org.en } else { org.ko }.to_string(),
            role: if english { role_en } else { role_ko }.to_string(),
            start: date(start.0, start.1),
            end: date(end.0, end.1),
        });
        previous = Some(Previous {
            org,
            role_en,
            years: (end.0 - start.0).max(1),
            university: kind != OrgKind::Company,
        });
    }

    let last_start = stints.last().map_or(join, |s| s.1);
    let left = archived.then(|| (last_start + 1).max(rng.between(2023, 2025)));
    let left_month = *rng.pick(&[2, 6, 8, 12]);
    for (i, &(role, y, m)) in stints.iter().enumerate() {
        let end = match (stints.get(i + 1), left) {
            (Some(next), _) => {
                let (ey, em) = prev_month(next.1, next.2);
                date(ey, em)
            }
            (None, Some(l)) => date(l, left_month),
            (None, None) => String::new(),
        };
        entries.push(CareerEntry {
            organization: if english { INSTITUTE_EN } else { INSTITUTE }.to_string(),
            role: if english { role.en() } else { role.ko() }.to_string(),
            start: date(y, m),
            end,
        });
    }

    let mut moved_to = None;
    if let (true, Some(l)) = (moves_on, left) {
        let to_university = rng.percent(60);
        let org = if to_university {
            rng.pick(UNIVERSITIES)
        } else {
            rng.pick(division.employers)
        };
        let (role_ko, role_en) = if to_university {
            ("교수", "Professor")
        } else {
            ("연구위원", "Research Fellow")
        };
        let (sy, sm) = next_month(l, left_month);
        entries.push(CareerEntry {
            organization: if english { org.en } else { org.ko }.to_string(),
            role: if english { role_en } else { role_ko }.to_string(),
            start: date(sy, sm),
            end: String::new(),
        });
        moved_to = Some(org);
    }

    Career {
        entries,
        join,
        join_month,
        previous,
        left,
        moved_to,
    }
}

// ---------------------------------------------------------------------------------------------
// Projects, publications, patents
// ---------------------------------------------------------------------------------------------

/// The year range in which a researcher's own outputs fall.
fn active_years(career: &Career, from: i32, until: i32) -> (i32, i32) {
    let hi = career.left.map_or(until, |l| l.min(until));
    (from, hi.max(from))
}

fn project_title(
    rng: &mut Rng,
    division: &Division,
    site: &str,
    a: &Topic,
    b: &Topic,
    english: bool,
) -> String {
    let d = division.domain_ko;
    if english {
        let (ea, eb, de) = (
            title_case(a.en),
            title_case(b.en),
            title_case(division.domain_en),
        );
        return match rng.below(4) {
            0 => format!("Development of Core {ea} Technologies for {de}"),
            1 => format!("An Integrated Platform for {ea} and {eb}"),
            2 => format!("Advancement and Field Demonstration of {ea}"),
            _ => format!("{ea} Technology Support for Small and Medium-Sized Enterprises"),
        };
    }
    let regional = !matches!(site, "성남" | "서울");
    match rng.below(8) {
        0 => format!("{} 위한 {} 핵심기술 개발", josa(d, Josa::Eul), a.ko),
        1 => format!("{} 및 {} 통합 플랫폼 개발", a.ko, b.ko),
        2 => format!("{} 기술 고도화 및 실증", a.ko),
        3 => format!("중소·중견기업 대상 {} 기술지원 사업", a.ko),
        4 if !a.ko.contains("기반") => format!("{} 기반 {d} 지능화 기술 개발", a.ko),
        5 if regional => format!("{site} 지역 {} 실증 기반 구축", a.ko),
        6 => format!(
            "{} 활용한 {} 성능 향상 기술 개발",
            josa(a.ko, Josa::Eul),
            b.ko
        ),
        _ => format!("{} 국제표준 대응 기술 개발", a.ko),
    }
}

fn project_summary(
    rng: &mut Rng,
    division: &Division,
    a: &Topic,
    b: &Topic,
    ongoing: bool,
    english: bool,
) -> String {
    let artifact = *rng.pick(division.artifacts);
    let metric = *rng.pick(division.metrics);
    let gain = rng.between(2, 8) * 5;
    let en = if ongoing {
        format!(
            "Develops core technology for {} in {} and validates it with industry partners.",
            a.en, division.domain_en
        )
    } else {
        format!(
            "Developed core technology for {} in {} and validated it with industry partners.",
            a.en, division.domain_en
        )
    };
    if english {
        return en;
    }
    let ko = match rng.below(3) {
        0 if ongoing => format!(
            "{} 중심으로 {} 분야에 적용 가능한 {} 개발하고 있으며, 수요기업과 함께 현장 실증을 진행하고 있다.",
            josa(a.ko, Josa::Eul),
            division.domain_ko,
            josa(artifact, Josa::Eul)
        ),
        0 => format!(
            "{} 중심으로 {} 분야에 적용 가능한 {} 개발하고, 수요기업과 함께 현장 실증을 완료했다.",
            josa(a.ko, Josa::Eul),
            division.domain_ko,
            josa(artifact, Josa::Eul)
        ),
        1 => format!(
            "본 과제는 {}의 {} {gain}% 이상 개선하는 것을 목표로 하며, {} 연계한 시험·평가 체계를 {}.",
            a.ko,
            josa(metric, Josa::Eul),
            josa(b.ko, Josa::Gwa),
            if ongoing {
                "구축하고 있다"
            } else {
                "구축했다"
            }
        ),
        _ => format!(
            "{} 관련 핵심 알고리즘과 {} 시제품을 개발하고, {}에 관한 표준화 활동을 {}.",
            a.ko,
            artifact,
            b.ko,
            if ongoing {
                "병행하고 있다"
            } else {
                "병행했다"
            }
        ),
    };
    if rng.percent(40) {
        format!("{ko}\n{en}")
    } else {
        ko
    }
}

fn projects(
    rng: &mut Rng,
    division: &Division,
    grade: Grade,
    topics: &[&'static Topic],
    career: &Career,
    site: &str,
    english: bool,
) -> Vec<Project> {
    let (lo, hi) = grade.projects();
    let count = rng.between(lo, hi);
    let (first, last) = active_years(career, career.join.max(2012), 2025);
    let mut list: Vec<Project> = Vec::new();
    for k in 0..count as usize {
        let a = topics[k % topics.len()];
        let b = topics[(k + 1) % topics.len()];
        let start_year = rng.between(first, last);
        let mut start_month = *rng.pick(&[1, 3, 4, 4, 4, 5, 6, 7, 9]);
        if start_year == career.join {
            start_month = start_month.max(career.join_month);
        }
        let mut years = rng.between(1, 5);
        if let Some(l) = career.left {
            years = years.min((l - start_year).max(1));
        }
        let (end_year, end_month) = prev_month(start_year + years, start_month);
        let ongoing = end_year >= LAST_YEAR;
        let mut title = project_title(rng, division, site, a, b, english);
        for _ in 0..3 {
            if !list.iter().any(|p| p.title == title) {
                break;
            }
            title = project_title(rng, division, site, b, a, english);
        }
        let funder = if rng.percent(8) {
            // Contract research for a company.
            rng.pick(division.employers).ko.to_string()
        } else if rng.percent(60) {
            (*rng.pick(division.funders)).to_string()
        } else {
            (*rng.pick(COMMON_FUNDERS)).to_string()
        };
        let role = match (grade.senior(), grade, rng.below(100)) {
            (true, _, r) if r < 60 => "연구책임자",
            (true, _, r) if r < 80 => "세부책임자",
            (true, _, r) if r < 90 => "공동연구책임자",
            (false, Grade::Senior, r) if r < 30 => "연구책임자",
            (false, Grade::Senior, r) if r < 50 => "세부책임자",
            _ => "참여연구원",
        };
        let role = if english {
            match role {
                "연구책임자" => "Principal Investigator",
                "세부책임자" => "Subproject Leader",
                "공동연구책임자" => "Co-Principal Investigator",
                _ => "Researcher",
            }
        } else {
            role
        };
        let summary = project_summary(rng, division, a, b, ongoing, english);
        list.push(Project {
            title,
            funder,
            start: ym(start_year, start_month),
            end: ym(end_year, end_month),
            role: role.to_string(),
            summary,
        });
    }
    list.sort_by(|x, y| y.start.cmp(&x.start));
    list
}

fn doi_url(rng: &mut Rng, doi: &Doi, year: i32) -> String {
    match *doi {
        Doi::None => String::new(),
        Doi::Ieee(code) => format!(
            "https://doi.org/10.1109/{code}.{year}.{}",
            rng.between(3_000_000, 3_399_999)
        ),
        Doi::Mdpi(code, offset) => format!(
            "https://doi.org/10.3390/{code}{:02}{:02}{:04}",
            (year - offset).max(1),
            rng.between(1, 24),
            rng.between(100, 9999)
        ),
        Doi::Elsevier(code) => format!(
            "https://doi.org/10.1016/j.{code}.{year}.{}",
            rng.between(100_000, 999_999)
        ),
        Doi::Korean(prefix, offset) => format!(
            "https://doi.org/{prefix}.{year}.{}.{}.{}",
            (year - offset).max(1),
            rng.between(1, 12),
            rng.between(1, 900)
        ),
        Doi::Etri => format!(
            "https://doi.org/10.4218/etrij.{year}-{:04}",
            rng.between(1, 600)
        ),
    }
}

fn publication_title(
    rng: &mut Rng,
    division: &Division,
    a: &Topic,
    b: &Topic,
    english: bool,
) -> String {
    if english {
        let (ea, eb, de) = (
            title_case(a.en),
            title_case(b.en),
            title_case(division.domain_en),
        );
        return match rng.below(8) {
            0 => format!("{ea} for {de}: A Case Study"),
            1 => format!("Toward Practical {ea} in {de}"),
            2 => format!("Integrating {ea} and {eb} in {de}"),
            3 => format!("A Survey of {ea}"),
            4 => format!("Experimental Evaluation of {ea} in {de}"),
            5 => format!("A Data-Driven Approach to {ea}"),
            6 => format!("An Efficient Framework for {ea} with {eb}"),
            _ => format!("{ea}: Challenges and Opportunities"),
        };
    }
    let d = division.domain_ko;
    match rng.below(7) {
        0 => format!("{} 이용한 {} 성능 향상 기법", josa(a.ko, Josa::Eul), b.ko),
        1 => format!("{} 위한 {} 기법", josa(a.ko, Josa::Eul), b.ko),
        2 => format!("{d} 환경에서의 {} 성능 분석", a.ko),
        3 => format!("{} {}의 통합 프레임워크 설계", josa(a.ko, Josa::Gwa), b.ko),
        4 => format!("{} 기술 동향 및 과제", a.ko),
        5 => format!("실시간 {} 시스템의 구현 및 검증", a.ko),
        _ => format!("{}의 {} 향상 방안 연구", a.ko, rng.pick(division.metrics)),
    }
}

fn publications(
    rng: &mut Rng,
    division: &Division,
    grade: Grade,
    topics: &[&'static Topic],
    career: &Career,
    english_share: u32,
) -> Vec<Publication> {
    let (lo, hi) = grade.publications();
    let count = rng.between(lo, hi);
    let (first, last) = active_years(career, (career.join - 4).max(2012), LAST_YEAR);
    let mut list: Vec<Publication> = Vec::new();
    for _ in 0..count {
        let picks = rng.sample(topics.len(), 2);
        let (a, b) = (topics[picks[0]], topics[picks[picks.len() - 1]]);
        let english = rng.percent(english_share);
        let year = rng.between(first, last);
        let title = publication_title(rng, division, a, b, english);
        if list.iter().any(|p| p.title == title) {
            continue;
        }
        let venue = if english {
            if rng.percent(70) {
                rng.pick(division.venues_en)
            } else {
                rng.pick(COMMON_VENUES_EN)
            }
        } else if rng.percent(70) {
            rng.pick(division.venues_ko)
        } else {
            rng.pick(COMMON_VENUES_KO)
        };
        let mut keywords: Vec<String> = Vec::new();
        for topic in [a, b] {
            let k = if english { topic.en } else { topic.ko };
            if !keywords.iter().any(|x| x == k) {
                keywords.push(k.to_string());
            }
        }
        let url = if rng.percent(65) {
            doi_url(rng, &venue.doi, year)
        } else {
            String::new()
        };
        list.push(Publication {
            title,
            venue: venue.name.to_string(),
            year: Some(year),
            keywords,
            url,
        });
    }
    list.sort_by_key(|p| std::cmp::Reverse(p.year));
    list
}

fn patents(
    rng: &mut Rng,
    division: &Division,
    grade: Grade,
    topics: &[&'static Topic],
    career: &Career,
) -> Vec<Patent> {
    let (lo, hi) = grade.patents();
    let count = rng.between(lo, hi);
    let (first, last) = active_years(career, career.join.max(2012), 2025);
    let mut list: Vec<Patent> = Vec::new();
    for k in 0..count as usize {
        let a = topics[k % topics.len()];
        let b = topics[(k + 1) % topics.len()];
        let artifact = *rng.pick(division.artifacts);
        let title = match rng.below(5) {
            0 => format!("{} 위한 {artifact} 및 방법", josa(a.ko, Josa::Eul)),
            1 if !a.ko.contains("기반") => format!("{} 기반의 {artifact} 및 그 동작 방법", a.ko),
            2 => format!("{} 이용한 {artifact}", josa(a.ko, Josa::Eul)),
            3 => format!(
                "{} 향상을 위한 {} {artifact} 및 이의 제어 방법",
                rng.pick(division.metrics),
                a.ko
            ),
            _ => format!("{} 및 {} 수행하는 {artifact}", a.ko, josa(b.ko, Josa::Eul)),
        };
        if list.iter().any(|p| p.title == title) {
            continue;
        }
        let year = rng.between(first, last);
        let status = if year <= 2023 && rng.percent(65) {
            "registered"
        } else {
            "applied"
        };
        list.push(Patent {
            title,
            number: format!("10-{year}-{:07}", rng.between(1_000, 199_999)),
            year: Some(year),
            status: status.to_string(),
        });
    }
    list.sort_by_key(|p| std::cmp::Reverse(p.year));
    list
}

// ---------------------------------------------------------------------------------------------
// Offers, links, videos
// ---------------------------------------------------------------------------------------------

fn offers(rng: &mut Rng, division: &Division, grade: Grade) -> Vec<Offer> {
    let damp = if grade.senior() { 0 } else { 10 };
    let mut list: Vec<Offer> = Vec::new();
    for (offer, chance) in Offer::ALL.into_iter().zip(division.offers) {
        if rng.percent(chance.saturating_sub(damp)) {
            list.push(offer);
        }
    }
    if list.is_empty() {
        list.push(Offer::JointRnd);
    }
    while list.len() > 4 {
        let i = rng.below(list.len());
        list.remove(i);
    }
    list
}

fn offer_en(offer: Offer) -> &'static str {
    match offer {
        Offer::JointRnd => "joint R&D",
        Offer::TechTransfer => "technology transfer",
        Offer::Testing => "testing and certification",
        Offer::Equipment => "equipment access",
        Offer::Consulting => "technical consulting",
    }
}

/// A valid ORCID iD: 15 random digits in the usual ranges plus the ISO 7064 11,2 check digit.
fn orcid(rng: &mut Rng) -> String {
    let block = *rng.pick(&["0001", "0002", "0002", "0003", "0009"]);
    let body = format!("0000{block}{:07}", rng.below(10_000_000));
    let mut total = 0u32;
    for c in body.chars() {
        total = (total + c.to_digit(10).unwrap_or(0)) * 2;
    }
    let check = (12 - total % 11) % 11;
    let check = if check == 10 {
        'X'
    } else {
        char::from_digit(check, 10).unwrap_or('0')
    };
    format!(
        "{}-{}-{}-{}{check}",
        &body[0..4],
        &body[4..8],
        &body[8..12],
        &body[12..15]
    )
}

fn video_title(rng: &mut Rng, division: &Division, topic: &Topic, english: bool) -> String {
    if english || rng.percent(15) {
        let e = title_case(topic.en);
        return match rng.below(3) {
            0 => format!("Research Highlight: {e}"),
            1 => format!("{e} Demo"),
            _ => format!("Inside the Lab: {e}"),
        };
    }
    match rng.below(5) {
        0 => format!("{} 연구 소개", topic.ko),
        1 => format!(
            "[연구자 인터뷰] {} 바꾸는 {} 산업",
            josa(topic.ko, Josa::Euro),
            division.domain_ko
        ),
        2 => format!("{}, 3분 만에 이해하기", topic.ko),
        3 => format!("{} 기술설명회: {}", division.ko, topic.ko),
        _ => format!("{} 시연 영상", topic.ko),
    }
}

// ---------------------------------------------------------------------------------------------
// Bios
// ---------------------------------------------------------------------------------------------

/// What the bio writers need to know about a card.
struct Facts<'a> {
    division: &'static Division,
    person: &'a Person,
    grade: Grade,
    position: &'a str,
    topics: &'a [&'static Topic],
    career: &'a Career,
    projects: &'a [Project],
    publications: &'a [Publication],
    offers: &'a [Offer],
}

impl Facts<'_> {
    fn topic(&self, i: usize) -> &'static Topic {
        self.topics[i % self.topics.len()]
    }
}

fn bio_ko(rng: &mut Rng, f: &Facts) -> String {
    let (t1, t2, t3) = (f.topic(0).ko, f.topic(1).ko, f.topic(2).ko);
    let d = f.division.domain_ko;
    let who = format!("{} {}", f.person.name, f.position);
    let mut sentences: Vec<String> = Vec::new();

    sentences.push(if f.grade == Grade::Director {
        format!(
            "{} {}년 입사한 이후 {}, {} 분야의 연구를 이끌어 왔으며, 현재 {}장을 맡고 있다.",
            josa(&who, Josa::Eun),
            f.career.join,
            t1,
            t2,
            f.division.ko
        )
    } else {
        match rng.below(5) {
            0 => format!(
                "{} {} 연구하고 있으며, {d} 분야의 {} 힘쓰고 있다.",
                josa(t1, Josa::Gwa),
                josa(t2, Josa::Eul),
                rng.pick(&[
                    "기술 실용화에",
                    "기술 국산화에",
                    "산업 확산에",
                    "기업 지원에"
                ])
            ),
            1 => format!(
                "{} {t1} 분야 전문가로, {}년 입사 이후 {t2} 관련 연구를 수행해 왔다.",
                josa(&who, Josa::Eun),
                f.career.join
            ),
            2 => format!(
                "{} 주요 연구 분야로 하며, 특히 {t2}의 산업 현장 적용에 관심이 많다.",
                josa(t1, Josa::Eul)
            ),
            3 => format!(
                "{} 주 전공이며, 최근에는 {} 연구 범위를 넓히고 있다.",
                josa(t1, Josa::I),
                josa(t2, Josa::Euro)
            ),
            _ => format!(
                "{}에서 {t1} 기술 개발을 맡고 있으며, {} 연계한 응용 연구를 진행하고 있다.",
                f.division.ko,
                josa(t2, Josa::Gwa)
            ),
        }
    });

    if let Some(p) = &f.career.previous {
        sentences.push(if p.university {
            format!(
                "입사 전에는 {}에서 {} 연구했다.",
                p.org.ko,
                josa(t3, Josa::Eul)
            )
        } else {
            format!(
                "입사 전에는 {}에서 {}년간 {} 관련 개발 업무를 담당했다.",
                p.org.ko, p.years, t3
            )
        });
    }

    if let Some(p) = f.projects.first() {
        let ongoing = p.end.as_str() >= "2026";
        let topic = f.topic(rng.below(f.topics.len()));
        sentences.push(if ongoing {
            format!(
                "최근에는 {}의 지원을 받아 {}에 관한 과제를 수행하고 있다.",
                p.funder, topic.ko
            )
        } else {
            format!(
                "{}의 지원으로 {}에 관한 과제를 수행했다.",
                p.funder, topic.ko
            )
        });
    }

    if f.publications.len() >= 5 {
        sentences.push(format!(
            "관련 연구 결과를 {}편 이상의 논문으로 발표했다.",
            f.publications.len()
        ));
    }

    if f.offers
        .iter()
        .any(|o| matches!(o, Offer::Testing | Offer::Equipment))
    {
        sentences.push(format!(
            "보유 장비를 활용한 {d} 기업의 시험·평가도 지원한다."
        ));
    } else if f
        .offers
        .iter()
        .any(|o| matches!(o, Offer::TechTransfer | Offer::Consulting))
    {
        sentences.push(format!(
            "{t1} 분야의 기술이전과 기업 기술자문에도 적극 참여하고 있다."
        ));
    } else {
        sentences.push("관련 기업과의 공동 연구개발을 환영한다.".to_string());
    }

    if let Some(left) = f.career.left {
        sentences.push(match f.career.moved_to {
            Some(org) => format!(
                "{left}년까지 {}에서 근무했으며, 현재는 {}에 재직 중이다.",
                f.division.ko, org.ko
            ),
            None => format!("{left}년 연구원을 떠났다."),
        });
    }
    sentences.join(" ")
}

fn bio_en(rng: &mut Rng, f: &Facts) -> String {
    let (e1, e2, e3) = (f.topic(0).en, f.topic(1).en, f.topic(2).en);
    let name = &f.person.name_en;
    let fam = &f.person.family_en;
    let mut sentences: Vec<String> = Vec::new();

    sentences.push(if f.grade == Grade::Director {
        format!(
            "{name} directs the {} of the {INSTITUTE_EN} and has led research on {e1} and {e2} since joining in {}.",
            f.division.en, f.career.join
        )
    } else {
        format!(
            "{name} is a {} at the {} of the {INSTITUTE_EN}, working on {e1} and {e2}.",
            f.grade.en(),
            f.division.en
        )
    });

    if let Some(p) = &f.career.previous {
        sentences.push(if p.university {
            format!(
                "Before joining the institute in {}, {fam} was a {} at {}, working on {e3}.",
                f.career.join,
                p.role_en,
                with_article(p.org.en)
            )
        } else {
            let span = if p.years == 1 {
                "a year".to_string()
            } else {
                format!("{} years", p.years)
            };
            format!(
                "Before joining the institute in {}, {fam} spent {span} at {} working on {e3}.",
                f.career.join,
                with_article(p.org.en)
            )
        });
    }

    if let Some(p) = f.projects.first() {
        let topic = f.topic(rng.below(f.topics.len()));
        sentences.push(if p.end.as_str() >= "2026" {
            format!(
                "Current projects apply {} to {}.",
                topic.en, f.division.domain_en
            )
        } else {
            format!(
                "Recent projects applied {} to {}.",
                topic.en, f.division.domain_en
            )
        });
    }

    let offered: Vec<&str> = f.offers.iter().map(|o| offer_en(*o)).collect();
    if !offered.is_empty() {
        sentences.push(format!(
            "{fam} welcomes requests for {} from industry.",
            join_en(&offered)
        ));
    }

    if let Some(left) = f.career.left {
        sentences.push(match f.career.moved_to {
            Some(org) => format!(
                "{fam} left the institute in {left} and is now at {}.",
                with_article(org.en)
            ),
            None => format!("{fam} left the institute in {left}."),
        });
    }
    sentences.join(" ")
}

/// A long, multi-paragraph bio with lists, for the one demo card that tests long text.
fn long_bio(f: &Facts) -> String {
    let d = f.division.domain_ko;
    let who = format!("{} {}", f.person.name, f.position);
    let mut ko: Vec<String> = Vec::new();

    ko.push(format!(
        "{} {INSTITUTE} {} 이끌고 있다. {}년 입사한 이후 {} 분야에서 연구개발을 수행해 왔으며, \
         특히 {} 산업 현장에서 바로 쓸 수 있는 기술을 만드는 데 집중해 왔다. \
         연구 성과를 논문과 특허에 그치지 않고 기술이전과 사업화로 연결하는 것을 가장 중요한 목표로 삼고 있다.",
        josa(&who, Josa::Eun),
        josa(f.division.ko, Josa::Eul),
        f.career.join,
        f.topics.iter().map(|t| t.ko).collect::<Vec<_>>().join(", "),
        d
    ));

    let mut history = vec!["경력".to_string()];
    for e in &f.career.entries {
        let span = if e.end.is_empty() {
            format!("{}~현재", e.start)
        } else {
            format!("{}~{}", e.start, e.end)
        };
        history.push(format!("- {span} {} {}", e.organization, e.role));
    }
    ko.push(history.join("\n"));

    let mut research: Vec<String> = Vec::new();
    for (i, topic) in f.topics.iter().enumerate() {
        let metric = f.division.metrics[i % f.division.metrics.len()];
        let artifact = f.division.artifacts[i % f.division.artifacts.len()];
        research.push(match i % 3 {
            0 => format!(
                "{} 분야에서는 {} 높이기 위한 {} 구조를 제안하고, 이를 실제 {d} 기업의 생산 라인에 적용하여 검증했다.",
                topic.ko,
                josa(metric, Josa::Eul),
                artifact
            ),
            1 => format!(
                "{} 관련해서는 국내 중소기업 20여 곳과 함께 현장 데이터를 수집하고, 공개 벤치마크와 비교해 {}의 개선 효과를 정량적으로 분석했다.",
                josa(topic.ko, Josa::Gwa),
                metric
            ),
            _ => format!(
                "또한 {}에 관한 국제표준화 회의에 한국 대표로 참여하여 시험 절차와 평가 지표를 제안했으며, 그 결과가 표준 문서에 반영되었다.",
                topic.ko
            ),
        });
    }
    ko.push(research.join(" "));

    ko.push(format!(
        "센터 운영에서는 연구자 개인의 성과보다 팀 단위의 문제 해결을 중시한다. 매년 {d} 분야 중소·중견기업을 \
         대상으로 기술 설명회와 현장 방문 상담을 열고 있으며, 기업이 보유 장비를 직접 활용해 시제품을 시험할 수 \
         있도록 장비 공동 활용 프로그램을 운영하고 있다. 또한 대학원생과 신진 연구자가 산업 현장의 문제를 \
         연구 주제로 삼을 수 있도록 학연 협력 과정을 이끌고 있으며, 이 과정을 거친 연구자 상당수가 \
         국내 기업과 연구기관에서 활동하고 있다."
    ));

    let mut projects = vec!["주요 수행 과제".to_string()];
    for p in f.projects {
        projects.push(format!(
            "- {}~{} {} ({}, {})",
            p.start, p.end, p.title, p.funder, p.role
        ));
    }
    ko.push(projects.join("\n"));

    let mut awards = vec!["주요 수상".to_string()];
    for (i, (award_ko, _)) in AWARDS.iter().enumerate() {
        awards.push(format!("- {} {award_ko}", 2014 + 2 * i as i32));
    }
    ko.push(awards.join("\n"));

    let name = &f.person.name_en;
    let fam = &f.person.family_en;
    let mut en: Vec<String> = Vec::new();
    en.push(format!(
        "{name} directs the {} of the {INSTITUTE_EN}. Since joining the institute in {}, {fam} has worked on {}, \
         always with an eye on technology that companies in {} can put to use right away. \
         {fam} measures success not only in papers and patents but in technology transfer and products that reach the market.",
        f.division.en,
        f.career.join,
        join_en(&f.topics.iter().map(|t| t.en).collect::<Vec<_>>()),
        f.division.domain_en
    ));
    let mut research_en: Vec<String> = Vec::new();
    for (i, topic) in f.topics.iter().enumerate() {
        research_en.push(match i % 3 {
            0 => format!(
                "In {}, {fam}'s group proposed new architectures and validated them on the production lines of partner companies.",
                topic.en
            ),
            1 => format!(
                "For {}, the team collected field data with some twenty small and medium-sized enterprises and compared the results against public benchmarks.",
                topic.en
            ),
            _ => format!(
                "{fam} also represents Korea in international standardization meetings on {}, where the group's test procedures and metrics were adopted.",
                topic.en
            ),
        });
    }
    en.push(research_en.join(" "));
    en.push(format!(
        "As director, {fam} values team problem-solving over individual credit. Each year the center holds \
         technology briefings and on-site consultations for small and medium-sized companies in {}, and runs a \
         shared-equipment program that lets companies test prototypes on the center's instruments themselves. \
         {fam} also leads a joint training track in which graduate students and early-career researchers take \
         problems from the factory floor as their research topics; many of its alumni now work at Korean \
         companies and research institutes.",
        f.division.domain_en
    ));
    let mut awards_en = vec!["Selected awards".to_string()];
    for (i, (_, award_en)) in AWARDS.iter().enumerate() {
        awards_en.push(format!("- {} {award_en}", 2014 + 2 * i as i32));
    }
    en.push(awards_en.join("\n"));

    format!("{}\n\n{}", ko.join("\n\n"), en.join("\n\n"))
}

// ---------------------------------------------------------------------------------------------
// Cards
// ---------------------------------------------------------------------------------------------

/// Special demo cards that exercise edge cases; all of them are valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Profile {
    Standard,
    /// A center director with a multi-paragraph bio of several thousand characters.
    LongBio,
    /// A foreign researcher whose card is almost entirely in English.
    EnglishOnly,
    /// A foreign researcher with a Hangul transcription of the name and a bilingual card.
    ForeignBilingual,
    /// A two-syllable family name (남궁) and a one-syllable given name.
    CompoundSurname,
    /// A draft card of a new hire with little more than a name.
    Minimal,
    /// One of two researchers with the same name (김민준), in different divisions.
    Namesake,
}

/// A card and the research topics it was built around (the latent truth behind its text).
fn build_card(
    id: &str,
    seed: u64,
    division: &'static Division,
    director: bool,
    profile: Profile,
    registry: &mut Registry,
) -> (CardRecord, Vec<&'static Topic>) {
    let mut rng = Rng::new(seed);
    let english = profile == Profile::EnglishOnly;

    let grade = if director {
        Grade::Director
    } else {
        match profile {
            Profile::EnglishOnly | Profile::ForeignBilingual => Grade::Senior,
            Profile::Minimal => Grade::Researcher,
            _ => *rng.pick_weighted(&Grade::STAFF),
        }
    };
    let status = match profile {
        Profile::Minimal => Status::Draft,
        Profile::Standard | Profile::CompoundSurname | Profile::Namesake if !director => {
            match rng.below(100) {
                0..5 => Status::Draft,
                5..8 => Status::Archived,
                _ => Status::Published,
            }
        }
        _ => Status::Published,
    };
    let person = match profile {
        Profile::EnglishOnly => Person {
            name: "Priya Raman".to_string(),
            name_en: "Priya Raman".to_string(),
            variants: vec!["Raman, Priya".to_string(), "프리야 라만".to_string()],
            family_en: "Raman".to_string(),
            email_local: "priya.raman".to_string(),
        },
        Profile::ForeignBilingual => Person {
            name: "응우옌 반 득".to_string(),
            name_en: "Nguyen Van Duc".to_string(),
            variants: vec![
                "Nguyễn Văn Đức".to_string(),
                "Duc Nguyen".to_string(),
                "Van Duc Nguyen".to_string(),
            ],
            family_en: "Nguyen".to_string(),
            email_local: "duc.nguyen".to_string(),
        },
        Profile::CompoundSurname => korean_person(&mut rng, surname("남궁"), "민"),
        Profile::Namesake => korean_person(&mut rng, surname("김"), NAMESAKE),
        _ => registry.person(&mut rng),
    };
    let position = if english { grade.en() } else { grade.ko() };
    let site = *rng.pick_weighted(division.sites);

    let topic_count = if profile == Profile::LongBio {
        4
    } else {
        rng.between(2, 4) as usize
    };
    let topics: Vec<&'static Topic> = rng
        .sample(division.topics.len(), topic_count)
        .into_iter()
        .map(|i| &division.topics[i])
        .collect();

    let mut fields: Vec<String> = Vec::new();
    for topic in &topics {
        if fields.len() < 3 && !fields.iter().any(|f| f == topic.field) {
            fields.push(topic.field.to_string());
        }
    }
    // Fields in the institute's display order.
    fields.sort_by_key(|f| FIELDS.iter().position(|x| x == f));
    let mut keywords: Vec<String> = Vec::new();
    for topic in &topics {
        if english {
            keywords.push(topic.en.to_string());
        } else {
            keywords.push(topic.ko.to_string());
            if rng.percent(35) {
                keywords.push(topic.en.to_string());
            }
        }
    }

    let career = career(
        &mut rng,
        division,
        grade,
        status == Status::Archived,
        english,
    );
    let email = registry.email(&person.email_local);

    if profile == Profile::Minimal {
        let card = CardRecord {
            id: id.to_string(),
            name: person.name,
            name_en: person.name_en,
            name_variants: person.variants,
            position: position.to_string(),
            organization: INSTITUTE.to_string(),
            division: division.ko.to_string(),
            site: site.to_string(),
            fields,
            keywords,
            career: career.entries,
            contact: Contact {
                email,
                ..Contact::default()
            },
            status,
            ..CardRecord::default()
        };
        return (card, topics);
    }

    let projects = projects(&mut rng, division, grade, &topics, &career, site, english);
    let english_share = if english {
        100
    } else {
        rng.between(40, 85) as u32
    };
    let publications = publications(&mut rng, division, grade, &topics, &career, english_share);
    let patents = if english {
        Vec::new()
    } else {
        patents(&mut rng, division, grade, &topics, &career)
    };
    let offers = offers(&mut rng, division, grade);

    let facts = Facts {
        division,
        person: &person,
        grade,
        position,
        topics: &topics,
        career: &career,
        projects: &projects,
        publications: &publications,
        offers: &offers,
    };
    let bio = match profile {
        Profile::LongBio => long_bio(&facts),
        Profile::EnglishOnly => bio_en(&mut rng, &facts),
        _ => {
            let ko = bio_ko(&mut rng, &facts);
            // Some drafts are still waiting for their English half.
            if status == Status::Draft && rng.percent(50) {
                ko
            } else {
                format!("{ko}\n\n{}", bio_en(&mut rng, &facts))
            }
        }
    };

    let mut videos: Vec<Video> = Vec::new();
    if rng.percent(36) || profile == Profile::LongBio {
        let count = if rng.percent(25) { 2 } else { 1 };
        for k in 0..count {
            videos.push(Video {
                title: video_title(&mut rng, division, topics[k % topics.len()], english),
                url: format!("https://www.youtube.com/watch?v={}", rng.code(URL_SAFE, 11)),
            });
        }
    }

    let links = Links {
        homepage: if rng.percent(90) {
            format!("{HOMEPAGE_BASE}{id}")
        } else {
            String::new()
        },
        orcid: if rng.percent(if publications.is_empty() { 10 } else { 45 }) {
            orcid(&mut rng)
        } else {
            String::new()
        },
        scholar: if publications.len() >= 3 && rng.percent(35) {
            format!(
                "https://scholar.google.com/citations?user={}&hl=ko",
                rng.code(URL_SAFE, 12)
            )
        } else {
            String::new()
        },
    };

    let phone = if rng.percent(85) {
        format!("{PHONE_PREFIX}{:04}", rng.between(1000, 9999))
    } else {
        String::new()
    };
    let contact = Contact {
        email,
        email_public: rng.percent(60),
        phone_public: !phone.is_empty() && rng.percent(35),
        phone,
    };

    // drawn last, so the rest of the card is what it was before availability existed
    let availability = match rng.between(0, 99) {
        0..=3 => Availability {
            status: AvailabilityStatus::Closed,
            until: "2027-06-30".into(),
            note: "해외 파견 중입니다. 문의는 부서 담당자가 받습니다.".into(),
        },
        4..=11 => Availability {
            status: AvailabilityStatus::Limited,
            until: String::new(),
            note: "진행 중인 과제가 많아 신규 공동연구는 하반기부터 가능합니다.".into(),
        },
        _ => Availability::default(),
    };
    let card = CardRecord {
        id: id.to_string(),
        slug: String::new(),
        name: person.name,
        name_en: person.name_en,
        name_variants: person.variants,
        position: position.to_string(),
        organization: if english { INSTITUTE_EN } else { INSTITUTE }.to_string(),
        division: division.ko.to_string(),
        site: site.to_string(),
        fields,
        keywords,
        bio,
        career: career.entries,
        projects,
        publications,
        patents,
        videos,
        links,
        contact,
        offers,
        availability,
        status,
    };
    (card, topics)
}

/// One demo card to be: its division, whether it is the division's director, its profile.
#[derive(Clone, Copy, Debug)]
struct Slot {
    division: usize,
    director: bool,
    profile: Profile,
}

/// Gives `profile` to the first ordinary slot at or after `from` (in `division`, if given).
fn assign(slots: &mut [Slot], from: usize, division: Option<usize>, profile: Profile) {
    let fits = |s: &Slot| {
        !s.director && s.profile == Profile::Standard && division.is_none_or(|d| s.division == d)
    };
    let len = slots.len();
    if let Some(i) = (0..len)
        .map(|k| (from + k) % len)
        .find(|&i| fits(&slots[i]))
    {
        slots[i].profile = profile;
    }
}

/// About 300 demo cards of the fictional institute; same output on every call.
///
/// Ten divisions with one 센터장 each, spread over seven sites; ids run `K-0001`…; slugs are
/// left for the server to assign. About 92% of the cards are published, 5% drafts and 3%
/// archived. A few cards exercise edge cases: a very long bio, an English-only profile, a
/// foreign name in Hangul with a diacritic variant, a two-syllable family name, and a
/// near-empty draft.
pub fn demo_cards() -> Vec<CardRecord> {
    demo_set().into_iter().map(|(card, _)| card).collect()
}

/// The demo cards, each with the topics it was built around.
fn demo_set() -> Vec<(CardRecord, Vec<&'static Topic>)> {
    let mut rng = Rng::new(DEMO_SEED);
    let mut slots: Vec<Slot> = Vec::new();
    for (d, division) in DIVISIONS.iter().enumerate() {
        for k in 0..division.demo_count {
            slots.push(Slot {
                division: d,
                director: k == 0,
                profile: Profile::Standard,
            });
        }
    }
    rng.shuffle(&mut slots);
    if let Some(s) = slots.iter_mut().find(|s| s.division == 0 && s.director) {
        s.profile = Profile::LongBio;
    }
    assign(&mut slots, 41, Some(AI_DIVISION), Profile::EnglishOnly);
    assign(&mut slots, 122, None, Profile::ForeignBilingual);
    assign(&mut slots, 199, None, Profile::CompoundSurname);
    assign(&mut slots, 276, None, Profile::Minimal);
    assign(&mut slots, 88, Some(MFG_DIVISION), Profile::Namesake);
    assign(&mut slots, 233, Some(COMM_DIVISION), Profile::Namesake);

    let mut registry = Registry::unique();
    slots
        .iter()
        .enumerate()
        .map(|(i, slot)| {
            build_card(
                &format!("K-{:04}", i + 1),
                mix(DEMO_SEED, i as u64),
                &DIVISIONS[slot.division],
                slot.director,
                slot.profile,
                &mut registry,
            )
        })
        .collect()
}

/// `n` synthetic cards for benchmarks, deterministic per `seed`; ids `B-000001`…; lazily generated.
///
/// The cards come from the same tables and templates as [`demo_cards`], so their text is as
/// realistic; divisions are drawn with the demo set's proportions and about 1% are directors.
pub fn synthetic_cards(n: usize, seed: u64) -> impl Iterator<Item = CardRecord> {
    let weights: Vec<u32> = DIVISIONS.iter().map(|d| d.demo_count as u32).collect();
    let mut registry = Registry::default();
    (0..n).map(move |i| {
        let card_seed = mix(seed, i as u64);
        let mut pick = Rng::new(card_seed ^ 0x00C0_FFEE);
        let division = &DIVISIONS[pick.weighted(&weights)];
        let director = pick.percent(1);
        build_card(
            &format!("B-{:06}", i + 1),
            card_seed,
            division,
            director,
            Profile::Standard,
            &mut registry,
        )
        .0
    })
}

// ---------------------------------------------------------------------------------------------
// Judged queries
// ---------------------------------------------------------------------------------------------

/// One judged query: the query text and graded relevance by card id (external id, e.g. "K-0042").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JudgedQuery {
    pub query: String,
    /// The kind of query (`sentence`, `compound`, `english`, …), see [`QUERIES`].
    pub class: &'static str,
    pub relevant: Vec<(String, u8)>,
}

/// Closely related topics, for grade 1: two topics are related when some group here holds both.
///
/// The topic tables only group topics by field, which is too coarse (인공지능 spans LLMs and
/// speech recognition), so these sub-areas are spelled out. Groups may overlap and cross
/// divisions (웨이퍼 결함 검출 sits with both 반도체 테스트 and 비전 검사); topics are named by
/// their Korean keyword, and every topic of the tables belongs to at least one group.
const RELATED_TOPICS: &[(&str, &[&str])] = &[
    // Semiconductors
    (
        "반도체 테스트·수율",
        &[
            "HBM 메모리 테스트",
            "딥러닝 기반 웨이퍼 결함 검출",
            "반도체 수율 예측",
            "반도체 신뢰성 평가",
        ],
    ),
    (
        "비전 검사",
        &[
            "딥러닝 기반 웨이퍼 결함 검출",
            "머신비전",
            "품질 검사 자동화",
        ],
    ),
    (
        "AI 반도체",
        &[
            "AI 반도체 설계",
            "NPU 아키텍처",
            "PIM 메모리 구조",
            "온디바이스 AI 가속기",
            "뉴로모픽 소자",
        ],
    ),
    ("메모리", &["HBM 메모리 테스트", "PIM 메모리 구조"]),
    (
        "프로세서·SoC",
        &[
            "저전력 SoC 설계",
            "RISC-V 프로세서",
            "차량용 SoC",
            "NPU 아키텍처",
        ],
    ),
    (
        "반도체 소자·패키징",
        &["칩렛 패키징", "SiC 전력반도체", "반도체 신뢰성 평가"],
    ),
    (
        "아날로그·RF 회로",
        &["아날로그 혼성신호 회로", "RF 프런트엔드", "OLED 구동회로"],
    ),
    (
        "전력전자",
        &[
            "SiC 전력반도체",
            "전력변환 회로",
            "무선 전력 전송",
            "전기차 충전 인프라",
        ],
    ),
    // Artificial intelligence
    (
        "거대언어모델·생성형 AI",
        &[
            "LLM 경량화",
            "검색증강생성(RAG)",
            "생성형 AI",
            "멀티모달 학습",
        ],
    ),
    (
        "언어·지식",
        &[
            "한국어 자연어처리",
            "지식그래프",
            "검색증강생성(RAG)",
            "음성인식",
        ],
    ),
    (
        "경량 AI",
        &["LLM 경량화", "엣지 AI", "온디바이스 AI 가속기"],
    ),
    ("엣지", &["엣지 AI", "엣지 컴퓨팅"]),
    (
        "신뢰할 수 있는 AI",
        &["설명가능 AI", "AI 신뢰성 검증", "AI 모델 보안"],
    ),
    ("프라이버시 보호", &["연합학습", "개인정보 비식별화"]),
    (
        "학습 기반 로봇 제어",
        &["강화학습", "자율 작업 계획", "로봇 매니퓰레이션"],
    ),
    (
        "영상 인식",
        &["컴퓨터비전", "머신비전", "로봇 비전", "자율주행 인지"],
    ),
    ("의료영상", &["의료영상 AI", "디지털 병리", "컴퓨터비전"]),
    (
        "데이터 플랫폼",
        &[
            "제조 데이터 플랫폼",
            "헬스케어 데이터 플랫폼",
            "데이터 라벨링 자동화",
        ],
    ),
    (
        "고장 예측·이상탐지",
        &["설비 예지보전", "시계열 이상탐지", "배터리 잔존수명 예측"],
    ),
    // Manufacturing and robots
    (
        "스마트팩토리",
        &[
            "스마트팩토리 MES",
            "제조 데이터 플랫폼",
            "공정 최적화",
            "뿌리산업 디지털 전환",
            "설비 예지보전",
        ],
    ),
    (
        "디지털트윈·시뮬레이션",
        &[
            "디지털트윈",
            "가상 시운전",
            "자산관리셸(AAS)",
            "로봇 디지털트윈 시뮬레이션",
            "주행 시뮬레이션",
        ],
    ),
    (
        "산업 제어·연결",
        &[
            "PLC 제어",
            "OPC UA 통신",
            "산업용 IoT",
            "시간민감형 네트워크(TSN)",
        ],
    ),
    (
        "협동로봇",
        &[
            "협동로봇",
            "협동로봇 공정 자동화",
            "인간-로봇 상호작용",
            "로봇 안전 인증",
        ],
    ),
    (
        "로봇 조작",
        &["로봇 매니퓰레이션", "그리퍼 설계", "촉각센서"],
    ),
    (
        "이동 로봇",
        &[
            "모바일 로봇 SLAM",
            "물류 자동화 로봇",
            "자율주행 배송로봇",
            "서비스 로봇",
        ],
    ),
    (
        "로봇 소프트웨어",
        &[
            "ROS 2 미들웨어",
            "자율 작업 계획",
            "로봇 디지털트윈 시뮬레이션",
        ],
    ),
    // Health
    (
        "생체신호 모니터링",
        &[
            "웨어러블 생체신호 측정",
            "심전도 분석",
            "원격 환자 모니터링",
            "수면 모니터링",
        ],
    ),
    ("체외진단", &["체외진단 바이오센서", "랩온어칩"]),
    (
        "디지털 헬스 서비스",
        &[
            "디지털 치료제",
            "의료기기 인허가",
            "헬스케어 데이터 플랫폼",
            "원격 환자 모니터링",
        ],
    ),
    (
        "재활·신경 인터페이스",
        &["재활 로봇", "뇌-컴퓨터 인터페이스", "인간-로봇 상호작용"],
    ),
    // Energy and mobility
    (
        "배터리",
        &[
            "BMS 알고리즘",
            "이차전지 열폭주",
            "배터리 잔존수명 예측",
            "사용후 배터리 재사용",
            "에너지저장장치(ESS)",
        ],
    ),
    (
        "전력망 운영",
        &[
            "스마트그리드",
            "마이크로그리드 운영",
            "가상발전소(VPP)",
            "수요반응(DR)",
            "에너지저장장치(ESS)",
        ],
    ),
    (
        "분산 에너지",
        &[
            "태양광 발전량 예측",
            "수소연료전지 제어",
            "마이크로그리드 운영",
            "가상발전소(VPP)",
        ],
    ),
    (
        "건물·수요 관리",
        &["건물 에너지 관리(BEMS)", "수요반응(DR)"],
    ),
    ("전기차 충전", &["전기차 충전 인프라", "BMS 알고리즘"]),
    (
        "자율주행",
        &[
            "자율주행 인지",
            "라이다 센서 융합",
            "정밀 측위",
            "주행 시뮬레이션",
            "자율주행 배송로봇",
        ],
    ),
    (
        "차량 전장·SDV",
        &[
            "차량용 SoC",
            "소프트웨어 중심 자동차(SDV)",
            "차량용 이더넷",
            "기능안전(ISO 26262)",
            "차량 사이버보안",
        ],
    ),
    (
        "차량 네트워크",
        &["V2X 통신", "차량용 이더넷", "시간민감형 네트워크(TSN)"],
    ),
    (
        "항공 모빌리티·측위",
        &["도심항공모빌리티(UAM)", "정밀 측위"],
    ),
    // Communications
    (
        "이동통신",
        &[
            "5G 네트워크 슬라이싱",
            "6G 무선접속",
            "오픈랜(O-RAN)",
            "5G 특화망",
            "네트워크 자동화",
        ],
    ),
    (
        "RF·안테나",
        &[
            "밀리미터파 안테나",
            "RF 프런트엔드",
            "6G 무선접속",
            "무선 전력 전송",
        ],
    ),
    ("비지상 통신", &["위성통신", "6G 무선접속"]),
    (
        "IoT 연결",
        &["산업용 IoT", "저전력 광역 IoT", "엣지 컴퓨팅", "5G 특화망"],
    ),
    ("양자 보안", &["양자암호통신", "양자내성암호(PQC)"]),
    // Displays and sensors
    (
        "디스플레이",
        &[
            "마이크로 LED",
            "OLED 구동회로",
            "스트레처블 디스플레이",
            "퀀텀닷 소재",
            "디스플레이 화질 평가",
            "AR·VR 광학",
        ],
    ),
    (
        "유연 전자",
        &["플렉서블 전자소자", "인쇄전자", "스트레처블 디스플레이"],
    ),
    (
        "센서 소자",
        &[
            "가스센서",
            "MEMS 센서",
            "이미지센서",
            "촉각센서",
            "센서 신호처리",
        ],
    ),
    ("화학·바이오 센서", &["가스센서", "체외진단 바이오센서"]),
    // Security
    (
        "기기·임베디드 보안",
        &[
            "IoT 기기 보안",
            "펌웨어 취약점 분석",
            "하드웨어 보안 모듈",
            "제어시스템(ICS) 보안",
            "차량 사이버보안",
        ],
    ),
    (
        "위협 탐지·대응",
        &["악성코드 탐지", "침입탐지 시스템", "제로트러스트"],
    ),
    (
        "암호 기술",
        &["양자내성암호(PQC)", "하드웨어 보안 모듈", "블록체인"],
    ),
    (
        "보안 보증",
        &[
            "CC 보안 인증 평가",
            "소프트웨어 공급망 보안(SBOM)",
            "펌웨어 취약점 분석",
        ],
    ),
];

/// Whether two different topics (Korean keywords) share a group of [`RELATED_TOPICS`].
fn related(a: &str, b: &str) -> bool {
    a != b
        && RELATED_TOPICS
            .iter()
            .any(|(_, group)| group.contains(&a) && group.contains(&b))
}

/// What a judged query asks for; topics are named by their Korean keyword.
enum Target {
    /// Researchers given one of these topics are relevant (2); researchers given a topic
    /// related to one of them (see [`RELATED_TOPICS`]) are partially relevant (1).
    Topics(&'static [&'static str]),
    /// A broad area: researchers given a topic of `full` are relevant (2), of `partial`
    /// partially relevant (1). No group expansion, which would reach too far from an area.
    Area {
        full: &'static [&'static str],
        partial: &'static [&'static str],
    },
    /// One researcher, by Korean name (unique among published cards).
    Researcher(&'static str),
}

impl Target {
    /// The grade of a card built around `topics`; 0 when not relevant.
    fn grade(&self, card: &CardRecord, topics: &[&'static Topic]) -> u8 {
        let has = |list: &[&str]| topics.iter().any(|t| list.contains(&t.ko));
        match *self {
            Target::Topics(list) => {
                if has(list) {
                    2
                } else if topics
                    .iter()
                    .any(|t| list.iter().any(|wanted| related(t.ko, wanted)))
                {
                    1
                } else {
                    0
                }
            }
            Target::Area { full, partial } => {
                if has(full) {
                    2
                } else if has(partial) {
                    1
                } else {
                    0
                }
            }
            Target::Researcher(name) => {
                if card.name == name {
                    2
                } else {
                    0
                }
            }
        }
    }
}

use Target::{Area, Researcher, Topics};

/// Everything the "AI" query means: AI methods and AI applications.
const AI_FULL: &[&str] = &[
    "LLM 경량화",
    "검색증강생성(RAG)",
    "멀티모달 학습",
    "연합학습",
    "설명가능 AI",
    "강화학습",
    "컴퓨터비전",
    "한국어 자연어처리",
    "시계열 이상탐지",
    "지식그래프",
    "생성형 AI",
    "음성인식",
    "엣지 AI",
    "AI 신뢰성 검증",
    "데이터 라벨링 자동화",
    "의료영상 AI",
    "디지털 병리",
    "로봇 비전",
    "자율 작업 계획",
    "AI 모델 보안",
];

/// AI semiconductors (인공지능반도체): chips and devices made to run AI.
const AI_CHIPS: &[&str] = &[
    "AI 반도체 설계",
    "NPU 아키텍처",
    "PIM 메모리 구조",
    "온디바이스 AI 가속기",
    "뉴로모픽 소자",
];

/// Everything the "semiconductor" query means: the semiconductor division's topics and
/// automotive SoCs.
const SEMICONDUCTOR_FULL: &[&str] = &[
    "HBM 메모리 테스트",
    "딥러닝 기반 웨이퍼 결함 검출",
    "AI 반도체 설계",
    "NPU 아키텍처",
    "저전력 SoC 설계",
    "칩렛 패키징",
    "RISC-V 프로세서",
    "SiC 전력반도체",
    "PIM 메모리 구조",
    "반도체 수율 예측",
    "아날로그 혼성신호 회로",
    "뉴로모픽 소자",
    "반도체 신뢰성 평가",
    "온디바이스 AI 가속기",
    "차량용 SoC",
];

const DIGITAL_TWIN: &[&str] = &["디지털트윈", "로봇 디지털트윈 시뮬레이션"];

/// The judged queries by class, as users type them: Korean with particles and endings,
/// compounds with and without spaces, English, mixed, acronyms, the other language's term,
/// and names. `rcard eval` reports nDCG@10 per class.
const QUERIES: &[(&str, &[(&str, Target)])] = &[
    // Korean with particles and endings.
    (
        "sentence",
        &[
            (
                "웨이퍼 결함 검출을",
                Topics(&["딥러닝 기반 웨이퍼 결함 검출"]),
            ),
            ("배터리 열폭주 방지 기술", Topics(&["이차전지 열폭주"])),
            ("설비 예지보전 연구하는 분", Topics(&["설비 예지보전"])),
            (
                "협동로봇을 활용한 공정 자동화",
                Topics(&["협동로봇 공정 자동화"]),
            ),
            ("의료영상 AI로 진단하는", Topics(&["의료영상 AI"])),
            ("악성코드를 탐지하는 기술", Topics(&["악성코드 탐지"])),
            (
                "태양광 발전량을 예측하는 방법",
                Topics(&["태양광 발전량 예측"]),
            ),
            (
                "라이다 센서 융합에 관한 연구",
                Topics(&["라이다 센서 융합"]),
            ),
        ],
    ),
    // Compounds without spaces, and spaced variants.
    (
        "compound",
        &[
            ("인공지능반도체", Topics(AI_CHIPS)),
            ("인공지능 반도체", Topics(AI_CHIPS)),
            ("디지털트윈", Topics(DIGITAL_TWIN)),
            ("디지털 트윈", Topics(DIGITAL_TWIN)),
            ("반도체수율예측", Topics(&["반도체 수율 예측"])),
            ("전기차충전", Topics(&["전기차 충전 인프라"])),
            ("모바일로봇", Topics(&["모바일 로봇 SLAM"])),
            ("스마트 그리드", Topics(&["스마트그리드"])),
            ("머신 비전", Topics(&["머신비전"])),
        ],
    ),
    // English.
    (
        "english",
        &[
            (
                "defect detection",
                Topics(&["딥러닝 기반 웨이퍼 결함 검출"]),
            ),
            ("battery management system", Topics(&["BMS 알고리즘"])),
            ("digital twin", Topics(DIGITAL_TWIN)),
            ("predictive maintenance", Topics(&["설비 예지보전"])),
            ("federated learning", Topics(&["연합학습"])),
            ("post-quantum cryptography", Topics(&["양자내성암호(PQC)"])),
            ("knowledge graph", Topics(&["지식그래프"])),
        ],
    ),
    // Korean and English mixed.
    (
        "mixed",
        &[
            ("LLM 경량화", Topics(&["LLM 경량화"])),
            ("5G 네트워크 슬라이싱", Topics(&["5G 네트워크 슬라이싱"])),
            ("RISC-V 프로세서 설계", Topics(&["RISC-V 프로세서"])),
            ("ROS 2 기반 로봇 소프트웨어", Topics(&["ROS 2 미들웨어"])),
            ("MEMS 센서 개발", Topics(&["MEMS 센서"])),
        ],
    ),
    // Acronyms.
    (
        "acronym",
        &[
            (
                "AI",
                Area {
                    full: AI_FULL,
                    partial: AI_CHIPS,
                },
            ),
            ("BMS", Topics(&["BMS 알고리즘"])),
            ("HBM", Topics(&["HBM 메모리 테스트"])),
            ("ESS", Topics(&["에너지저장장치(ESS)"])),
            ("SDV", Topics(&["소프트웨어 중심 자동차(SDV)"])),
        ],
    ),
    // The other language's word or a synonym of the cards' term.
    (
        "other-term",
        &[
            (
                "배터리",
                Area {
                    full: &[
                        "BMS 알고리즘",
                        "이차전지 열폭주",
                        "배터리 잔존수명 예측",
                        "사용후 배터리 재사용",
                    ],
                    partial: &["에너지저장장치(ESS)", "전기차 충전 인프라"],
                },
            ),
            (
                "semiconductor",
                Area {
                    full: SEMICONDUCTOR_FULL,
                    partial: &[
                        "하드웨어 보안 모듈",
                        "RF 프런트엔드",
                        "OLED 구동회로",
                        "이미지센서",
                        "MEMS 센서",
                    ],
                },
            ),
            ("robot arm", Topics(&["로봇 매니퓰레이션", "협동로봇"])),
            ("자동차 해킹 방어", Topics(&["차량 사이버보안"])),
            ("ECG", Topics(&["심전도 분석"])),
            ("생성형 인공지능", Topics(&["생성형 AI"])),
        ],
    ),
    // Names: Hangul, romanized, hyphenated, a popular spelling, a two-syllable family name.
    (
        "name",
        &[
            ("김서연", Researcher("김서연")),
            ("Minsu Kim", Researcher("김민수")),
            ("Choi Seung-hyeon", Researcher("최승현")),
            ("Sunyoung Song", Researcher("송선영")),
            ("남궁민", Researcher("남궁민")),
        ],
    ),
];

/// About 40 judged queries for the demo cards, derived from the generator's topic assignment.
///
/// Relevance comes from the topics each card was built around, never from its text: grade 2
/// when the card has a topic the query asks for, grade 1 when it only has a closely related
/// topic (see [`RELATED_TOPICS`]); name queries judge one person. Only published cards are
/// listed, each query's cards by grade and then id; queries without any are skipped.
pub fn demo_qrels() -> Vec<JudgedQuery> {
    let published: Vec<(CardRecord, Vec<&'static Topic>)> = demo_set()
        .into_iter()
        .filter(|(card, _)| card.status == Status::Published)
        .collect();
    QUERIES
        .iter()
        .flat_map(|(class, queries)| queries.iter().map(move |q| (*class, q)))
        .filter_map(|(class, (query, target))| {
            let mut relevant: Vec<(String, u8)> = published
                .iter()
                .filter_map(|(card, topics)| {
                    let grade = target.grade(card, topics);
                    (grade > 0).then(|| (card.id.clone(), grade))
                })
                .collect();
            relevant.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            (!relevant.is_empty()).then(|| JudgedQuery {
                query: (*query).to_string(),
                class,
                relevant,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::model::validate::is_valid_orcid;

    fn has_hangul(s: &str) -> bool {
        s.chars().any(|c| ('가'..='힣').contains(&c))
    }

    #[test]
    fn every_demo_card_validates() {
        for card in demo_cards() {
            assert_eq!(card.validate(), Ok(()), "{}", card.id);
        }
    }

    #[test]
    fn demo_cards_are_deterministic() {
        assert_eq!(demo_cards(), demo_cards());
    }

    #[test]
    fn demo_set_has_about_300_cards_with_unique_ids_and_emails() {
        let cards = demo_cards();
        assert!((280..=320).contains(&cards.len()), "{}", cards.len());
        let ids: HashSet<_> = cards.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids.len(), cards.len());
        assert_eq!(cards[0].id, "K-0001");
        assert!(cards.iter().all(|c| c.slug.is_empty()));
        let emails: Vec<_> = cards
            .iter()
            .map(|c| c.contact.email.as_str())
            .filter(|e| !e.is_empty())
            .collect();
        let unique: HashSet<_> = emails.iter().collect();
        assert_eq!(unique.len(), emails.len());
    }

    #[test]
    fn every_division_is_well_populated_and_has_one_director() {
        let cards = demo_cards();
        for division in DIVISIONS {
            let members: Vec<_> = cards.iter().filter(|c| c.division == division.ko).collect();
            assert!(members.len() >= 20, "{}: {}", division.ko, members.len());
            let directors = members.iter().filter(|c| c.position == "센터장").count();
            assert_eq!(directors, 1, "{}", division.ko);
            for card in members {
                assert!(
                    division.sites.iter().any(|(s, _)| *s == card.site),
                    "{}",
                    card.id
                );
            }
        }
    }

    #[test]
    fn shares_of_videos_orcids_and_statuses_are_plausible() {
        let cards = demo_cards();
        let n = cards.len();
        let with_video = cards.iter().filter(|c| !c.videos.is_empty()).count();
        assert!(
            with_video * 100 >= n * 20 && with_video * 100 <= n * 40,
            "{with_video}"
        );
        let with_orcid = cards.iter().filter(|c| !c.links.orcid.is_empty()).count();
        assert!(
            with_orcid * 100 >= n * 25 && with_orcid * 100 <= n * 55,
            "{with_orcid}"
        );
        assert!(
            cards
                .iter()
                .all(|c| c.links.orcid.is_empty() || is_valid_orcid(&c.links.orcid))
        );
        let published = cards
            .iter()
            .filter(|c| c.status == Status::Published)
            .count();
        let drafts = cards.iter().filter(|c| c.status == Status::Draft).count();
        let archived = cards
            .iter()
            .filter(|c| c.status == Status::Archived)
            .count();
        assert!(published * 100 >= n * 85, "{published}");
        assert!(
            drafts >= 3 && archived >= 2,
            "{drafts} drafts, {archived} archived"
        );
    }

    #[test]
    fn cards_are_coherent() {
        for card in demo_cards() {
            assert!(
                card.fields.iter().all(|f| FIELDS.contains(&f.as_str())),
                "{}",
                card.id
            );
            assert!(
                (1..=4).contains(&card.offers.len()) || card.status == Status::Draft,
                "{}",
                card.id
            );
            assert!(!card.name.contains(['<', '>']), "{}", card.id);
            // Only the last career entry may be open-ended.
            let open: Vec<_> = card
                .career
                .iter()
                .enumerate()
                .filter(|(_, e)| e.end.is_empty())
                .collect();
            assert!(
                open.len() <= 1 && open.iter().all(|(i, _)| *i + 1 == card.career.len()),
                "{}",
                card.id
            );
            assert!((1..=4).contains(&card.career.len()), "{}", card.id);
            if card.status == Status::Archived {
                let still_here = card
                    .career
                    .iter()
                    .any(|e| e.organization == INSTITUTE && e.end.is_empty());
                assert!(!still_here, "{}", card.id);
            }
            for v in &card.videos {
                assert!(app::model::card::youtube_id(&v.url).is_some(), "{}", v.url);
            }
        }
    }

    #[test]
    fn edge_case_profiles_are_present() {
        let cards = demo_cards();
        let english = cards
            .iter()
            .find(|c| c.name == "Priya Raman")
            .expect("English-only card");
        assert!(!english.bio.is_empty() && !has_hangul(&english.bio));
        assert!(english.publications.iter().all(|p| !has_hangul(&p.title)));
        let long = cards
            .iter()
            .map(|c| c.bio.chars().count())
            .max()
            .unwrap_or(0);
        assert!(long > 2_000, "{long}");
        assert!(
            cards
                .iter()
                .any(|c| c.name == "남궁민" && c.name_en == "Min Namgung")
        );
        let namesakes: Vec<_> = cards.iter().filter(|c| c.name == "김민준").collect();
        assert_eq!(namesakes.len(), 2);
        assert_ne!(namesakes[0].contact.email, namesakes[1].contact.email);
        let names: HashSet<_> = cards.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names.len(),
            cards.len() - 1,
            "only the deliberate namesakes share a name"
        );
        assert!(
            cards
                .iter()
                .any(|c| c.name_variants.iter().any(|v| v == "Nguyễn Văn Đức"))
        );
        assert!(
            cards
                .iter()
                .any(|c| c.status == Status::Draft && c.bio.is_empty())
        );
        let bilingual = cards
            .iter()
            .filter(|c| has_hangul(&c.bio) && c.bio.contains(" is a "))
            .count();
        assert!(bilingual > 200, "{bilingual}");
    }

    #[test]
    fn synthetic_cards_are_valid_and_deterministic() {
        let a: Vec<_> = synthetic_cards(1000, 7).collect();
        let b: Vec<_> = synthetic_cards(1000, 7).collect();
        assert_eq!(a.len(), 1000);
        assert_eq!(a, b);
        assert_eq!(a[0].id, "B-000001");
        assert_eq!(a[999].id, "B-001000");
        for card in &a {
            assert_eq!(card.validate(), Ok(()), "{}", card.id);
        }
        let c: Vec<_> = synthetic_cards(10, 8).collect();
        assert_ne!(a[..10], c[..]);
        // A prefix of a longer stream is the shorter stream.
        let short: Vec<_> = synthetic_cards(10, 7).collect();
        assert_eq!(short[..], a[..10]);
    }

    #[test]
    fn tables_are_complete() {
        for name in GIVEN_NAMES.iter().chain(SINGLE_GIVEN_NAMES) {
            for c in name.chars() {
                assert!(
                    !romanize_syllable(c).0.is_empty(),
                    "no romanization for {c} in {name}"
                );
            }
        }
        for division in DIVISIONS {
            assert!(division.topics.len() >= 12, "{}", division.ko);
            for list in [
                division.employers.len(),
                division.artifacts.len(),
                division.metrics.len(),
            ] {
                assert!(list > 0, "{}", division.ko);
            }
            assert!(
                !division.funders.is_empty()
                    && !division.venues_en.is_empty()
                    && !division.venues_ko.is_empty()
            );
            assert!(division.sites.iter().all(|(_, w)| *w > 0));
            assert!(
                division.topics.iter().all(|t| FIELDS.contains(&t.field)),
                "{}",
                division.ko
            );
        }
    }

    #[test]
    fn names_are_romanized() {
        let mut rng = Rng::new(1);
        let p = korean_person(&mut rng, surname("김"), "서연");
        assert_eq!(p.name, "김서연");
        assert_eq!(p.name_en, "Seoyeon Kim");
        assert_eq!(&p.variants[..2], ["Kim Seo-yeon", "Seo-Yeon Kim"]);
        assert_eq!(p.email_local, "seoyeon.kim");
        let p = korean_person(&mut rng, surname("이"), "현우");
        assert!(
            p.variants.contains(&"Hyunwoo Lee".to_string()),
            "{:?}",
            p.variants
        );
    }

    #[test]
    fn particles_follow_the_final_sound() {
        assert_eq!(josa("HBM 메모리 테스트", Josa::Eul), "HBM 메모리 테스트를");
        assert_eq!(josa("BMS 알고리즘", Josa::Eul), "BMS 알고리즘을");
        assert_eq!(josa("LLM", Josa::Eul), "LLM을");
        assert_eq!(josa("스마트팩토리 MES", Josa::Eul), "스마트팩토리 MES를");
        assert_eq!(josa("5G 특화망", Josa::Gwa), "5G 특화망과");
        assert_eq!(
            josa("기능안전(ISO 26262)", Josa::Eul),
            "기능안전(ISO 26262)을"
        );
        assert_eq!(
            josa("에너지저장장치(ESS)", Josa::I),
            "에너지저장장치(ESS)가"
        );
        assert_eq!(
            josa("딥러닝 기반 웨이퍼 결함 검출", Josa::Euro),
            "딥러닝 기반 웨이퍼 결함 검출로"
        );
        assert_eq!(josa("머신비전", Josa::Euro), "머신비전으로");
        assert_eq!(josa("김서연 책임연구원", Josa::Eun), "김서연 책임연구원은");
    }

    #[test]
    fn orcids_carry_a_valid_check_digit() {
        let mut rng = Rng::new(99);
        for _ in 0..500 {
            let id = orcid(&mut rng);
            assert!(is_valid_orcid(&id), "{id}");
        }
    }

    #[test]
    fn titles_are_title_cased() {
        assert_eq!(
            title_case("thermal runaway in Li-ion batteries"),
            "Thermal Runaway in Li-ion Batteries"
        );
        assert_eq!(title_case("mmWave antennas"), "mmWave Antennas");
    }

    #[test]
    fn qrels_judge_published_demo_cards() {
        let cards = demo_cards();
        let by_id: HashMap<&str, &CardRecord> = cards.iter().map(|c| (c.id.as_str(), c)).collect();
        let qrels = demo_qrels();
        assert!((35..=50).contains(&qrels.len()), "{}", qrels.len());
        let queries: HashSet<_> = qrels.iter().map(|q| q.query.as_str()).collect();
        assert_eq!(queries.len(), qrels.len(), "queries are unique");
        for q in &qrels {
            assert!(!q.relevant.is_empty(), "{}", q.query);
            assert!(
                q.relevant.iter().any(|(_, g)| *g == 2),
                "{}: no fully relevant card",
                q.query
            );
            let ids: HashSet<_> = q.relevant.iter().map(|(id, _)| id.as_str()).collect();
            assert_eq!(ids.len(), q.relevant.len(), "{}", q.query);
            for (id, grade) in &q.relevant {
                let card = by_id.get(id.as_str()).unwrap_or_else(|| panic!("{id}"));
                assert_eq!(card.status, Status::Published, "{}: {id}", q.query);
                assert!((1..=2).contains(grade), "{}: {id}", q.query);
            }
        }
    }

    #[test]
    fn qrels_are_deterministic() {
        assert_eq!(demo_qrels(), demo_qrels());
    }

    #[test]
    fn demo_set_topics_match_the_cards() {
        let set = demo_set();
        assert_eq!(
            set.iter().map(|(c, _)| c).collect::<Vec<_>>(),
            demo_cards().iter().collect::<Vec<_>>()
        );
        for (card, topics) in &set {
            assert!((2..=4).contains(&topics.len()), "{}", card.id);
            for topic in topics {
                assert!(
                    card.keywords.iter().any(|k| k == topic.ko || k == topic.en),
                    "{}: {}",
                    card.id,
                    topic.ko
                );
            }
        }
    }

    #[test]
    fn judged_topics_exist_and_are_grouped() {
        let all: Vec<&str> = DIVISIONS
            .iter()
            .flat_map(|d| d.topics.iter().map(|t| t.ko))
            .collect();
        let unique: HashSet<_> = all.iter().collect();
        assert_eq!(unique.len(), all.len(), "topic keywords are unique");
        for (name, group) in RELATED_TOPICS {
            assert!(group.len() >= 2, "{name}");
            for topic in *group {
                assert!(all.contains(topic), "{name}: {topic}");
            }
        }
        for topic in &all {
            assert!(
                RELATED_TOPICS.iter().any(|(_, g)| g.contains(topic)),
                "{topic} is in no group"
            );
        }
        for (query, target) in QUERIES.iter().flat_map(|(_, queries)| queries.iter()) {
            let named: Vec<&str> = match target {
                Topics(list) => list.to_vec(),
                Area { full, partial } => {
                    for topic in *partial {
                        assert!(!full.contains(topic), "{query}: {topic}");
                    }
                    full.iter().chain(partial.iter()).copied().collect()
                }
                Researcher(_) => Vec::new(),
            };
            for topic in named {
                assert!(all.contains(&topic), "{query}: {topic}");
            }
        }
        assert!(related("BMS 알고리즘", "이차전지 열폭주"));
        assert!(!related("BMS 알고리즘", "BMS 알고리즘"));
        assert!(!related("BMS 알고리즘", "음성인식"));
    }

    #[test]
    fn name_queries_find_exactly_one_published_person() {
        let cards = demo_cards();
        let published: Vec<_> = cards
            .iter()
            .filter(|c| c.status == Status::Published)
            .collect();
        let qrels = demo_qrels();
        let mut names = 0;
        for (query, target) in QUERIES.iter().flat_map(|(_, queries)| queries.iter()) {
            let Researcher(name) = target else { continue };
            names += 1;
            let holders: Vec<_> = published.iter().filter(|c| c.name == *name).collect();
            assert_eq!(holders.len(), 1, "{name}");
            let answers = |c: &CardRecord| {
                c.name == *query
                    || c.name_en.eq_ignore_ascii_case(query)
                    || c.name_variants
                        .iter()
                        .any(|v| v.eq_ignore_ascii_case(query))
            };
            let matching: Vec<_> = published.iter().filter(|c| answers(c)).collect();
            assert_eq!(matching.len(), 1, "{query}");
            assert_eq!(matching[0].name, *name, "{query}");
            let judged = qrels
                .iter()
                .find(|q| q.query == *query)
                .unwrap_or_else(|| panic!("{query}"));
            assert_eq!(judged.relevant, [(holders[0].id.clone(), 2)], "{query}");
        }
        assert!((4..=5).contains(&names), "{names}");
    }
}
