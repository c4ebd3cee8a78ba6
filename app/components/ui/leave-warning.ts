// A long form typed into and not sent: reloading, closing the tab or leaving the site asks first (the
// browser's own "Leave site?"), as what was typed is not kept anywhere. Nothing is stored on the
// device (a parent's door code and phone would stay on a shared phone). Sending the form, or a form
// untouched since it was shown, leaves without asking.
import { useEffect } from "react";

export function useLeaveWarning(formId: string) {
  useEffect(() => {
    const form = document.getElementById(formId);
    if (!(form instanceof HTMLFormElement)) return;
    let typed = false;
    const onInput = (event: Event) => {
      // Set by a script (a counter, the map filling the location box) is not typed by the person.
      if (event.isTrusted) typed = true;
    };
    const onSubmit = () => {
      typed = false;
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!typed) return;
      event.preventDefault();
      // Older browsers ask only when a value is returned.
      event.returnValue = "";
    };
    form.addEventListener("input", onInput);
    form.addEventListener("submit", onSubmit);
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      form.removeEventListener("input", onInput);
      form.removeEventListener("submit", onSubmit);
      window.removeEventListener("beforeunload", onBeforeUnload);
    };
  }, [formId]);
}
