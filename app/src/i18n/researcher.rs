//! The English of the Korean texts of the researcher's pages: sign-in, setting a password,
//! the card editor (with its history, conflicts and staff actions) and the inbox, and of the
//! labels of a card's fields and of its versions' sources.

/// The English of `ko`, when it is a text of these pages.
pub(super) fn english(ko: &str) -> Option<&'static str> {
    Some(match ko {
        // sign-in and passwords
        "로그인" => "Sign in",
        "로그인하세요" => "Sign in",
        "연구자는 자기 R-Card를, 직원은 디렉터리를 관리합니다." => {
            "Researchers keep their own R-Card up to date; staff curate the directory."
        }
        "비밀번호" => "Password",
        "확인 중…" => "Checking…",
        "로그인에는 JavaScript가 필요합니다." => "Signing in needs JavaScript.",
        "비밀번호를 잊었거나 계정이 없다면 기관 담당 직원에게 일회용 링크를 요청하세요." => {
            "Forgot your password, or have no account? Ask the institute's staff for a one-time link."
        }
        "두 비밀번호가 다릅니다. 같은 비밀번호를 두 번 입력하세요." => {
            "The two passwords differ. Type the same password twice."
        }
        "비밀번호 설정" => "Set your password",
        "비밀번호를 설정했습니다. " => "Your password is set. ",
        "한 번 더" => "Once more",
        // inbox
        "아직 받은 문의가 없습니다. 카드를 최신으로 유지하면 기업이 찾기 쉬워집니다." => {
            "No inquiries yet. A card kept up to date is easier for companies to find."
        }
        "받은 문의를 보려면 로그인하세요." => "Sign in to see your inquiries.",
        "(보존 기간이 지나 지워짐)" => "(deleted after the retention period)",
        "기술 수요" => "Technology need",
        " · 내부 메모" => " · internal note",
        "결과: " => "Outcome: ",
        "결과" => "Outcome",
        "내부 메모" => "Internal note",
        "답변 (회사에 메일로 전달되며, 내 메일 주소는 드러나지 않습니다)" => {
            "Reply (mailed to the company; your own email address stays hidden)"
        }
        " 내부 메모로 남기기 (회사에 보내지 않음)" => {
            " Keep as an internal note (not sent to the company)"
        }
        " 내 메일 주소를 회사에 알려 주기" => " Show my email address to the company",
        "메모 남기기" => "Add note",
        "답변 보내기" => "Send reply",
        "회사의 추적 링크 폐기" => "Revoke the company's tracking link",
        " 링크를 폐기했습니다." => " The link is revoked.",
        "메모 (불발이면 이유)" => "Note (the reason, if nothing came of it)",
        "맡기 · 거절 · 연구자에게 넘기기" => {
            "Take on · decline · pass to a colleague"
        }
        "위 답변 칸에 쓴 내용이 맡을 때의 인사말, 거절할 때의 이유로 회사에 전달됩니다." => {
            "What you wrote in the reply box above goes to the company as your greeting when you take it on, or as the reason when you decline."
        }
        "맡기 (협의 시작)" => "Take it on (start talks)",
        "거절" => "Decline",
        "넘길 연구자 (맞는 전문성 순)" => {
            "Colleague to pass it to (best expertise first)"
        }
        "동료에게 남길 메모 (선택)" => "Note for your colleague (optional)",
        "넘기기" => "Pass on",
        // the editor
        "카드 편집" => "Edit card",
        "카드를 고치려면 먼저 로그인하세요." => "Sign in first to edit a card.",
        "표시된 항목을 고친 뒤 저장하세요." => {
            "Correct the marked fields, then save."
        }
        "저장했습니다. 검색 결과에 바로 반영됩니다." => {
            "Saved. The search shows it right away."
        }
        "저장했습니다. 담당 직원이 검토한 뒤 공개됩니다." => {
            "Saved. It goes public once the staff have reviewed it."
        }
        "공개 카드 보기" => "See the public card",
        " · 버전 " => " · version ",
        " · 저장한 내용은 직원 검토 뒤 공개됩니다" => {
            " · what you save goes public after staff review"
        }
        "검토를 기다리는 수정이 있습니다." => "An edit is waiting for review.",
        "지난 수정이 반려되었습니다." => "Your last edit was rejected.",
        "지난 수정이 승인되었습니다." => "Your last edit was approved.",
        "미리보기 닫기" => "Close preview",
        "공개 카드 미리보기" => "Preview the public card",
        "저장 중…" => "Saving…",
        "저장" => "Save",
        "입력 후 Enter" => "Type, then Enter",
        "추가" => "Add",
        "삭제" => "Remove",
        "연도" => "Year",
        "직위·역할" => "Position or role",
        "시작 (YYYY-MM)" => "Start (YYYY-MM)",
        "종료 (비우면 현재)" => "End (empty if current)",
        "과제명" => "Project title",
        "지원 기관" => "Funder",
        "역할" => "Role",
        "종료" => "End",
        "요약" => "Summary",
        "제목" => "Title",
        "학술지·학회" => "Journal or conference",
        "링크 (https://…)" => "Link (https://…)",
        "발명의 명칭" => "Title of the invention",
        "번호" => "Number",
        "상태 (출원·등록)" => "Status (filed or granted)",
        "영상 제목" => "Video title",
        "YouTube 주소" => "YouTube address",
        "영상 미리보기" => "Video preview",
        "YouTube 영상 주소가 아닙니다. 미리보기 없이 링크로 표시됩니다." => {
            "Not a YouTube video address. It will show as a link, without a preview."
        }
        "기본 정보" => "Basic information",
        "전문 분야" => "Expertise",
        "연락처와 공개 범위" => "Contact details and who sees them",
        "이메일을 공개합니다" => "Show my email address on the card",
        "전화" => "Phone",
        "전화번호를 공개합니다" => "Show my phone number on the card",
        "지금 기업 문의를 받을 수 있나요?" => {
            "Can you take inquiries from companies now?"
        }
        "언제까지 (YYYY-MM-DD, 당분간 불가일 때 다시 가능해지는 날)" => {
            "Until (YYYY-MM-DD; when not available, the day you will be again)"
        }
        "기업에 보일 메모 (예: 2027년 3월까지 해외 파견)" => {
            "Note for companies (e.g. abroad until March 2027)"
        }
        "당분간 불가로 두면 문의는 부서 협력 담당자에게만 전달됩니다." => {
            "While you are not available, inquiries go to your division's liaison only."
        }
        "다른 사람의 변경을 합쳤습니다. 확인한 뒤 다시 저장하세요." => {
            "The other changes are merged in. Check them, then save again."
        }
        "최신 내용을 불러왔습니다. 내 편집은 버렸습니다." => {
            "The latest version is loaded; your edits were discarded."
        }
        "다른 사람이 먼저 저장했습니다" => "Someone else saved first",
        "양쪽이 모두 고친 항목(내 내용을 유지): " => {
            "Changed on both sides (yours kept): "
        }
        "바뀐 내용 합치기" => "Merge the changes",
        "최신 내용으로 바꾸기 (내 편집 버림)" => {
            "Take the latest version (discard my edits)"
        }
        "변경 이력" => "History",
        "시스템" => "system",
        "공개 상태" => "Visibility",
        "보관됨: 검색에 나오지 않고, 카드 페이지는 연락할 부서만 보여 줍니다." => {
            "Archived: not in the search; the card's page shows only the division to contact."
        }
        "초안: 아직 검색에 나오지 않고 카드 페이지도 없습니다." => {
            "Draft: not in the search yet, and no card page."
        }
        "공개 중: 검색에 나옵니다." => "Public: shown in the search.",
        "메모 (이력에 남습니다)" => "Note (kept in the history)",
        "다시 공개" => "Publish again",
        "공개하기" => "Publish",
        "보관 (퇴직·이동)" => "Archive (left or moved)",
        "중복 카드 합치기" => "Merge a duplicate card",
        "같은 연구자의 다른 카드를 이 카드로 합칩니다. 이 카드에 없는 항목(경력, 과제, 논문, 특허, 영상, 키워드 등)이 더해지고, 다른 카드는 보관되어 이 카드로 안내합니다. 양쪽 모두 이력에 남아 되돌릴 수 있습니다." => {
            "Merges another card of the same researcher into this one. Entries this card lacks (career, projects, publications, patents, videos, keywords and so on) are added; the other card is archived and points here. Both keep their history and can be reverted."
        }
        "중복 카드 주소 (/cards/ 뒤의 이름)" => {
            "Address of the duplicate (the name after /cards/)"
        }
        "이 카드로 합치기" => "Merge into this card",
        // what changed between versions
        "예" => "yes",
        "아니요" => "no",
        "순서만 바뀜" => "order changed",
        "(비움)" => "(emptied)",
        // the labels of a card's fields (model::account::field_label)
        "외부 ID" => "External ID",
        "주소" => "Address (slug)",
        "이름" => "Name",
        "영문 이름" => "Name in English",
        "다른 표기" => "Other spellings",
        "직위" => "Position",
        "기관" => "Organisation",
        "부서" => "Division",
        "지역" => "Site",
        "상태" => "Status",
        // where a version came from (model::account::source_label)
        "가져오기" => "import",
        "연구자 수정" => "researcher's edit",
        "직원 수정" => "staff edit",
        "되돌리기" => "revert",
        "검토 승인" => "review approved",
        "보관" => "archived",
        "복원" => "restored",
        "새 카드" => "new card",
        "병합" => "merge",
        _ => return None,
    })
}
