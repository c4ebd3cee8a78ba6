// A long form typed into and not sent: reloading, closing the tab or leaving the site asks first (the
// browser's own "Leave site?"), as what was typed is not kept anywhere. So do a tap on a link within
// the app (a tab of the bottom bar) and the Back button to a page of the app shown before: neither
// unloads the page, and the typed text was lost without a word (new-user walks). Our own listeners,
// not Remix's useBlocker, which adds its code to every page's first load (the page budget, issue 16).
// Nothing is stored on the device (a parent's door code and phone would stay on a shared phone). A
// form sent and not refused, or untouched since it was shown, leaves without asking; so does a move to
// the same page with another query (a step of the same form).
import { useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "~/i18n/react";
import { setPopGuard } from "./back-guard";

export function useLeaveWarning(formId: string) {
  const { t } = useTranslation();
  const typed = useRef(false);
  // The question in the page's language, read when asked (the effect is not set up again per render).
  const question = useRef("");
  question.current = t("app.leaveTyped");
  useEffect(() => {
    const form = document.getElementById(formId);
    if (!(form instanceof HTMLFormElement)) return;
    const onInput = (event: Event) => {
      // Set by a script (a counter, the map filling the location box) is not typed by the person.
      if (event.isTrusted) typed.current = true;
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!typed.current) return;
      event.preventDefault();
      // Older browsers ask only when a value is returned.
      event.returnValue = "";
    };
    // Before Remix's own handler (capture): a link to another page of the app, followed in this tab.
    const onClick = (event: MouseEvent) => {
      if (!typed.current || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!(link instanceof HTMLAnchorElement) || (link.target && link.target !== "_self")) return;
      const to = new URL(link.href, location.href);
      if (to.origin !== location.origin || to.pathname === location.pathname) return;
      if (window.confirm(question.current)) typed.current = false;
      else {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    // Back or Forward to a page of the app: the browser has moved the address already, and the router
    // moves the page on this event. Asked before the router hears it (back-guard.ts), so staying is
    // kept from the router, which loads nothing, and the address is moved back to this page.
    const here = location.pathname;
    const index = (history.state as { idx?: number } | null)?.idx;
    let undoing = false;
    const stays = () => {
      if (undoing) {
        undoing = false;
        return true;
      }
      if (!typed.current || location.pathname === here) return false;
      if (window.confirm(question.current)) {
        typed.current = false;
        return false;
      }
      const now = (history.state as { idx?: number } | null)?.idx;
      undoing = true;
      history.go(index !== undefined && now !== undefined ? index - now : 1);
      return true;
    };
    form.addEventListener("input", onInput);
    window.addEventListener("beforeunload", onBeforeUnload);
    setPopGuard(stays);
    document.addEventListener("click", onClick, true);
    return () => {
      form.removeEventListener("input", onInput);
      window.removeEventListener("beforeunload", onBeforeUnload);
      setPopGuard();
      document.removeEventListener("click", onClick, true);
    };
  }, [formId]);
  // Sent is not typed any more once the answer is in and the form shows no refusal. Not at the submit
  // itself: the browser's check, conform's field checks (a submission with its INTENT button) and the
  // server may all refuse it, and the typed text stays to be corrected (a field's check on leaving it
  // counted as sent, and took the question away before any link was tapped).
  const navigation = useNavigation();
  const sending = useRef(false);
  useEffect(() => {
    if (navigation.state === "submitting") sending.current = true;
    if (navigation.state !== "idle" || !sending.current) return;
    sending.current = false;
    const form = document.getElementById(formId);
    const refused = form?.querySelector('[aria-invalid="true"], .field-errors, .form-alert');
    if (!refused) typed.current = false;
  }, [navigation.state, formId]);
}
