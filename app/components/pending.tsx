// What a phone on a slow network sees while it waits: a bar along the top of the screen while the next
// page loads, and a spinner on the button whose form is on its way (a family's "Accept", a carer's
// "Accept this job"). Both appear only after a moment (styles.css), so a fast answer shows nothing.
// Before, a tap on a slow line changed nothing on screen for seconds, and people tapped again.
import { useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { clearSubmitters, markSubmitter } from "./connection";

export function PendingIndicator() {
  const navigation = useNavigation();
  // A GET form (the search filters) loads with its form data; a link's load has none. Forms are
  // navigations (the one fetcher, the carer's live position, sends no form anyone tapped).
  const formData = navigation.formData;
  const idle = navigation.state === "idle";
  useEffect(() => {
    // A second form sent before the first was answered replaces it: only its button spins.
    if (formData) {
      clearSubmitters(document);
      markSubmitter();
    } else if (idle) clearSubmitters(document);
  }, [formData, idle]);
  return <div className="nav-progress" hidden={idle} aria-hidden="true" />;
}
