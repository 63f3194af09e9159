/** The UI's words, Korean first. Every string a reader sees comes from here. */
export const locales = ["ko", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "ko";

const ko = {
  appName: "브리프 리더",
  appTagline: "정책 브리프를 구조화해 읽고, 근거와 기록을 잇는 리더",
  skipToContent: "본문으로 건너뛰기",
  briefs: "브리프 목록",
  briefsIntro: "읽을 브리프를 고르세요.",
  noBriefs: "아직 브리프가 없습니다. content/briefs/ 아래에 폴더를 추가하세요.",
  contents: "목차",
  sections: "절",
  claims: "주장",
  points: "근거",
  countsLine: (c: { sections: number; claims: number; points: number }) => `${c.sections}개 절 · 주장 ${c.claims}개 · 근거 ${c.points}개`,
  linkToBlock: "이 문단의 링크",
  language: "언어",
  switchTo: "English",
  switchToLabel: "Switch to English",
  notFoundTitle: "찾을 수 없습니다",
  notFoundBody: "요청한 페이지가 없습니다. 주소를 확인하거나 브리프 목록으로 돌아가세요.",
  backToList: "브리프 목록으로",
  errorTitle: "문제가 생겼습니다",
  errorBody: "페이지를 불러오지 못했습니다. 잠시 후 다시 시도하세요.",
  retry: "다시 시도",
  keyboardHint: "단축키: j/k 다음·이전 주장, [ ] 이전·다음 절, ? 도움말",
  shortcutsTitle: "키보드 단축키",
  shortcutNextClaim: "다음 주장",
  shortcutPrevClaim: "이전 주장",
  shortcutNextSection: "다음 절",
  shortcutPrevSection: "이전 절",
  shortcutHelp: "이 도움말 열기·닫기",
  close: "닫기",
  revision: "원문 판",
  author: "저자",
  openBrief: "읽기",
  summaryLabel: "요약",
};

export type Messages = typeof ko;

const en: Messages = {
  appName: "Brief Reader",
  appTagline: "Read policy briefs as structure, and connect claims to the record",
  skipToContent: "Skip to content",
  briefs: "Briefs",
  briefsIntro: "Choose a brief to read.",
  noBriefs: "No briefs yet. Add a folder under content/briefs/.",
  contents: "Contents",
  sections: "sections",
  claims: "claims",
  points: "points",
  countsLine: (c) => `${c.sections} sections · ${c.claims} claims · ${c.points} points`,
  linkToBlock: "Link to this paragraph",
  language: "Language",
  switchTo: "한국어",
  switchToLabel: "한국어로 보기",
  notFoundTitle: "Not found",
  notFoundBody: "There is no such page. Check the address or go back to the list of briefs.",
  backToList: "Back to the briefs",
  errorTitle: "Something went wrong",
  errorBody: "The page could not be loaded. Please try again in a moment.",
  retry: "Try again",
  keyboardHint: "Keys: j/k next/previous claim, [ ] previous/next section, ? help",
  shortcutsTitle: "Keyboard shortcuts",
  shortcutNextClaim: "Next claim",
  shortcutPrevClaim: "Previous claim",
  shortcutNextSection: "Next section",
  shortcutPrevSection: "Previous section",
  shortcutHelp: "Open or close this help",
  close: "Close",
  revision: "Revision",
  author: "Author",
  openBrief: "Read",
  summaryLabel: "Summary",
};

export const messages: Record<Locale, Messages> = { ko, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}
