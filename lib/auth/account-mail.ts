/**
 * The mails accounts send (lib/mail/mailer.ts hands them over): plain text, Korean then English,
 * since a mail goes out before anyone has chosen a language. No links but the app's own.
 */
import type { Mail } from "@/lib/mail/mailer";

const SIGNATURE = "— 브리프 리더 / Brief Reader";

/** To the owner of an address someone tried to sign up with again. */
export function accountExistsMail(email: string): Mail {
  return {
    to: email,
    subject: "브리프 리더: 이미 계정이 있습니다 / You already have an account",
    text: [
      "누군가 이 주소로 브리프 리더에 가입하려 했습니다. 이 주소에는 이미 계정이 있으므로 새 계정은 만들어지지 않았습니다.",
      "본인이었다면 로그인하세요. 본인이 아니라면 이 메일은 무시해도 됩니다.",
      "",
      "Someone tried to sign up to Brief Reader with this address. It already has an account, so no new one was made.",
      "If it was you, sign in instead. If it was not, you can ignore this mail.",
      "",
      SIGNATURE,
    ].join("\n"),
  };
}

/** The link that confirms a new account's address. */
export function verificationMail(email: string, url: string): Mail {
  return {
    to: email,
    subject: "브리프 리더: 주소를 확인하세요 / Confirm your address",
    text: [
      "브리프 리더 가입을 마치려면 아래 링크를 여세요:",
      url,
      "",
      "To finish signing up to Brief Reader, open this link:",
      url,
      "",
      "가입한 적이 없다면 이 메일은 무시하세요. / If you did not sign up, ignore this mail.",
      "",
      SIGNATURE,
    ].join("\n"),
  };
}

/** To an account's owner when an address is stopped from guessing its password. */
export function signInLockoutMail(email: string, address: string, until: Date): Mail {
  const at = until.toISOString();
  return {
    to: email,
    subject: "브리프 리더: 잘못된 비밀번호 시도 / Wrong password attempts on your account",
    text: [
      `${address}에서 내 계정에 잘못된 비밀번호가 여러 번 입력되어, 그 주소에서의 로그인을 ${at}까지 막았습니다. 다른 곳에서는 계속 로그인할 수 있습니다.`,
      "본인이 아니라면 계정 페이지에서 비밀번호를 바꾸세요.",
      "",
      `Wrong passwords were tried on your account from ${address}; sign-in from that address is stopped until ${at}. You can still sign in from anywhere else.`,
      "If it was not you, change your password on the account page.",
      "",
      SIGNATURE,
    ].join("\n"),
  };
}
