//! The English of the Korean texts of the staff desk (`/staff`).

/// The English of `ko`, when it is a text of these pages.
pub(super) fn english(ko: &str) -> Option<&'static str> {
    Some(match ko {
        // the desk and its menu
        "직원 관리" => "Staff desk",
        "디렉터리 관리" => "Directory management",
        "관리 메뉴" => "Desk menu",
        "검토" => "Review",
        "문의 성과" => "Inquiry report",
        "문의함" => "Inbox",
        "메일" => "Mail",
        "검색 수요" => "Search demand",
        "카드·계정" => "Cards and accounts",
        "동의어" => "Synonyms",
        "목록" => "Lists",
        "직원 계정으로 로그인하세요." => "Sign in with a staff account.",
        // the review queue
        "검토할 수정이 없습니다." => "No edits to review.",
        "연구자에게 남길 의견" => "Comment for the researcher",
        "승인" => "Approve",
        "반려" => "Reject",
        // what companies look for, and stale cards
        "현황" => "Overview",
        "켜짐" => "on",
        "꺼짐" => "off",
        "자주 찾는 검색어 (30일)" => "Most frequent searches (30 days)",
        "결과가 없었던 검색어 (30일)" => "Searches that found nothing (30 days)",
        "12개월 넘게 갱신되지 않은 카드" => "Cards not updated for over 12 months",
        // new cards, invitations and password resets
        "새 카드 만들기" => "New card",
        "기관 키와 이름만 넣으면 초안이 만들어지고 편집 화면이 열립니다. 초안은 공개하기 전까지 검색에 나오지 않습니다." => {
            "Enter the institute ID and the name: a draft is created and opens in the editor. A draft does not appear in the search until it is published."
        }
        "기관 키 (예: K-0042)" => "Institute ID (e.g. K-0042)",
        "초안 만들기" => "Create draft",
        "연구자 초대" => "Invite a researcher",
        "계정을 만들고 카드에 연결합니다. 아래에 나오는 일회용 링크(7일 유효)를 연구자에게 전달하세요." => {
            "Creates the account and links it to the card. Pass the one-time link shown below (valid for 7 days) to the researcher."
        }
        "연구자 이메일" => "Researcher's email",
        "카드 주소 (/cards/ 뒤의 이름)" => "Card address (the name after /cards/)",
        "초대 링크 만들기" => "Create invitation link",
        "초대 링크: " => "Invitation link: ",
        "비밀번호 재설정 링크" => "Password-reset link",
        "비밀번호를 잊은 사람에게 전달할 일회용 링크(1시간 유효)를 만듭니다. 직원 계정은 관리자만 재설정할 수 있습니다." => {
            "Creates a one-time link (valid for 1 hour) to pass to someone who forgot their password. Only an administrator can reset a staff account."
        }
        "계정 이메일" => "Account email",
        "재설정 링크 만들기" => "Create reset link",
        "재설정 링크: " => "Reset link: ",
        // printing a division's cards
        "부서 카드 인쇄" => "Print a division's cards",
        "A4로 인쇄할 페이지 열기" => "Open the A4 pages to print",
        "부서의 공개 카드를 한 장에 한 명씩, QR 코드와 함께 엽니다. 브라우저에서 인쇄하거나 PDF로 저장하세요." => {
            "Opens the division's public cards, one researcher a page, with QR codes (the pages are in Korean). Print them from the browser or save them as PDF."
        }
        // synonym candidates
        "동의어 후보" => "Synonym candidates",
        "같은 연구자의 키워드·기술 분야·논문 제목에 함께 자주 나오는 용어입니다. 같은 뜻이면 수락해 동의어로 묶고, 아니면 거절하세요. 거절한 짝은 다시 제안하지 않고 검색 확장과 연관 키워드에도 쓰지 않습니다." => {
            "Terms that often appear together in the same researcher's keywords, technology fields and publication titles. If a pair means the same, accept it to group the terms as synonyms; otherwise reject it. A rejected pair is not suggested again, and is not used to widen searches or as related keywords."
        }
        "지금은 제안할 후보가 없습니다. 카드가 늘거나 바뀌면 다시 계산합니다." => {
            "No candidates for now. They are worked out again as cards are added or changed."
        }
        "용어" => "Term",
        "함께 쓰인 말" => "Used with",
        "함께 나온 카드" => "Cards with both",
        "연관도" => "Association",
        "결정" => "Decision",
        "수락" => "Accept",
        // the managed lists
        "검색 동의어와 관리 목록" => "Search synonyms and managed lists",
        "동의어: 한 줄에 한 묶음, 같은 뜻의 말을 = 로 잇습니다 (예: AI = 인공지능 = artificial intelligence)" => {
            "Synonyms: one group per line, with words of the same meaning joined by = (e.g. AI = 인공지능 = artificial intelligence)"
        }
        "기술 분야: 한 줄에 하나, 보여 줄 순서대로" => {
            "Technology fields: one per line, in the order they are shown"
        }
        "지역: 한 줄에 하나" => "Sites: one per line",
        "부서: 한 줄에 하나, 부서명 | 지역 | 연락처 (연락처는 떠난 연구자의 카드와 연락처를 숨긴 카드에 표시됩니다)" => {
            "Divisions: one per line, as name | site | contact (the contact is shown on the cards of researchers who have left, and on cards that hide their contact details)"
        }
        "목록 저장" => "Save lists",
        // importing cards
        "카드 가져오기" => "Import cards",
        "JSON Lines 파일(한 줄에 카드 하나, docs/card-format.md 형식). 먼저 검사하고, 오류가 없으면 가져옵니다. 기본은 모든 줄이 올바를 때만 저장합니다." => {
            "A JSON Lines file (one card per line, in the format of docs/card-format.md). Check it first, then import it if there are no errors. By default nothing is saved unless every line is valid."
        }
        "가져올 파일" => "File to import",
        " 오류가 있는 줄은 건너뛰고 올바른 카드만 가져오기 (건너뛴 줄은 내려받아 고칠 수 있습니다)" => {
            " Skip lines with errors and import only the valid cards (the skipped lines can be downloaded and corrected)"
        }
        "검사 (저장 안 함)" => "Check (saves nothing)",
        "서버에서 검사하고 저장하는 중… 10만 장이면 30초쯤 걸립니다." => {
            "The server is checking and saving… 100,000 cards take about 30 seconds."
        }
        "오류" => "Errors",
        "경고" => "Warnings",
        "먼저 올릴 파일(JSON Lines)을 고르세요." => {
            "First choose the file to upload (JSON Lines)."
        }
        "서버에 연결하지 못했습니다. 잠시 후 다시 시도하세요." => {
            "Could not reach the server. Please try again in a moment."
        }
        "파일이 너무 큽니다 (최대 256 MB). 파일을 나누어 차례로 가져오세요." => {
            "The file is too large (256 MB at most). Split it and import the parts one after another."
        }
        // unsent mail
        "보내지 않은 메일" => "Unsent mail",
        "모든 메일을 보냈습니다." => "All mail has been sent.",
        "받는 사람" => "To",
        "시도" => "Attempts",
        "다시 보내기" => "Send again",
        "보내는 중" => "Sending",
        // the inquiry report
        " 문의" => " inquiries",
        " 답변됨" => " answered",
        " 첫 답변까지 (중앙값)" => " to the first answer (median)",
        " 미답변" => " unanswered",
        "CSV 내려받기 (협력 성과 보고)" => "Download CSV (collaboration report)",
        "부서별 문의" => "Inquiries by division",
        "기술 분야별 문의" => "Inquiries by technology field",
        "협력 방식별 문의" => "Inquiries by kind of collaboration",
        "성과별 종결" => "Closed inquiries by outcome",
        "부서별" => "By division",
        "기술 분야별" => "By technology field",
        "협력 방식별" => "By kind of collaboration",
        "성과별" => "By outcome",
        "아직 자료가 없습니다" => "No data yet",
        "월별 문의: 접수, 첫 답변, 종결" => {
            "Inquiries per month: received, first answered, closed"
        }
        "첫 답변" => "First answer",
        "주별 검색 수와 결과 없는 검색" => {
            "Searches per week, and those that found nothing"
        }
        "검색 수" => "Searches",
        "결과 없음" => "No results",
        "답변을 기다리는 문의" => "Inquiries awaiting an answer",
        "답변을 기다리는 문의가 없습니다." => "No inquiry is awaiting an answer.",
        "경과" => "Waiting",
        "검색 수요 추이" => "Search demand over time",
        _ => return None,
    })
}
