// The host app (learningcity/hostapp): check people in at a session's door, with or without
// a connection. The day's sessions are downloaded while online and kept in this browser's
// storage with everything recorded here; each record waits until the connection returns, is
// sent, and shows what the platform answered (sent, or refused and why). The words it shows
// come from the page, in its language.
(() => {
  "use strict";
  const root = document.getElementById("host-app");
  if (!root) return;
  const T = JSON.parse(document.getElementById("host-strings").textContent);
  const URLS = JSON.parse(document.getElementById("host-urls").textContent);
  const KEY = `lc-host:${root.dataset.user}`;
  const $ = (id) => document.getElementById(id);
  let csrf = root.dataset.csrf;
  let sending = false;

  const say = (text, values = {}) => text.replace(/%\((\w+)\)s/g, (_all, name) => String(values[name] ?? ""));
  const load = (name, fallback) => {
    try {
      return JSON.parse(localStorage.getItem(`${KEY}:${name}`)) ?? fallback;
    } catch {
      return fallback;
    }
  };
  const save = (name, value) => localStorage.setItem(`${KEY}:${name}`, JSON.stringify(value));
  const device = localStorage.getItem("lc-host:device") || (() => {
    const id = crypto.randomUUID();
    localStorage.setItem("lc-host:device", id);
    return id;
  })();

  let day = load("day", null);
  let records = load("records", []);

  // The choice is a session ("s-12") or, for the managers who organise them, a meeting ("m-3").
  const chosen = (prefix, items) => {
    const value = $("host-session").value;
    return day && value.startsWith(prefix) ? (items || []).find((item) => `${prefix}${item.id}` === value) : null;
  };
  const currentSession = () => chosen("s-", day && day.sessions);
  const currentMeeting = () => chosen("m-", day && day.meetings);
  const waiting = () => records.filter((record) => record.state === "waiting");
  const checkedIn = (session, registrant) =>
    registrant.attended ||
    records.some((r) => r.type === "check_in" && r.registration === registrant.id && r.state !== "refused");
  const checkedInAtMeeting = (meeting, person) =>
    person.attended ||
    records.some(
      (r) => r.type === "meeting_check_in" && r.meeting === meeting.id && r.coordinator === person.id && r.state !== "refused"
    );
  const walkInsWaiting = (session) =>
    records.filter((r) => r.type === "walk_in" && r.session === session.id && r.state === "waiting").length;
  const walkInLeft = (session) => session.walk_in.places - session.walk_in.used - walkInsWaiting(session);

  // --- Drawing ----------------------------------------------------------------------------------

  function drawStatus() {
    const count = waiting().length;
    const connection = navigator.onLine ? T.online : T.offline;
    $("host-status").textContent = `${connection} ${count ? say(T.to_send, { count }) : T.nothing_to_send}`;
    $("host-status").className = `alert ${navigator.onLine ? "alert-secondary" : "alert-warning"}`;
  }

  function drawDay() {
    const select = $("host-session");
    const before = select.value || load("session", "");
    select.replaceChildren();
    if (!day) {
      $("host-day").textContent = T.not_downloaded;
      $("host-session-choice").hidden = $("host-session-panel").hidden = true;
      return;
    }
    const time = new Date(day.downloaded_at).toLocaleTimeString(document.documentElement.lang, { hour: "2-digit", minute: "2-digit" });
    const meetings = day.meetings || [];
    const count = day.sessions.length + meetings.length;
    $("host-day").textContent = count ? say(T.downloaded, { time, count }) : T.no_sessions;
    for (const session of day.sessions) {
      select.append(new Option(`${session.title} — ${session.when}`, `s-${session.id}`));
    }
    for (const meeting of meetings) {
      select.append(new Option(`${say(T.meeting, { title: meeting.title })} — ${meeting.when}`, `m-${meeting.id}`));
    }
    if ([...select.options].some((option) => option.value === String(before))) select.value = String(before);
    $("host-session-choice").hidden = !count;
    drawSession();
  }

  function drawSession() {
    const session = currentSession();
    const meeting = currentMeeting();
    $("host-session-panel").hidden = !(session || meeting);
    $("host-walk-ins").hidden = !session;
    $("host-meeting-code").hidden = !meeting;
    $("host-people-heading").textContent = meeting ? T.invited : T.registered;
    save("session", $("host-session").value);
    if (meeting) {
      $("host-session-title").textContent = meeting.title;
      $("host-session-when").textContent = meeting.when;
      $("host-meeting-code").textContent = say(T.meeting_code, { code: meeting.code });
      drawRegistrants();
      return;
    }
    if (!session) return;
    $("host-session-title").textContent = session.title;
    $("host-session-when").textContent = `${session.when} — ${session.venue}`;
    $("host-walk-in-left").textContent = say(T.walk_in_left, { left: Math.max(walkInLeft(session), 0), places: session.walk_in.places });
    $("host-places").value = session.walk_in.places;
    drawRegistrants();
  }

  function matches(registrant, query) {
    if (!query) return true;
    const q = query.trim().toLowerCase();
    return (
      registrant.name.toLowerCase().includes(q) ||
      registrant.reference.toLowerCase() === q ||
      (registrant.code !== "" && registrant.code === query.trim())
    );
  }

  function drawRegistrants() {
    const session = currentSession();
    const meeting = currentMeeting();
    const list = $("host-registrants");
    list.replaceChildren();
    const query = $("host-find").value;
    const people = session ? session.registrants : meeting.people.map((p) => ({ ...p, reference: p.entity, code: "" }));
    const shown = people.filter((registrant) => matches(registrant, query));
    $("host-find-result").textContent = query && !shown.length ? T.no_match : "";
    for (const registrant of shown) {
      const item = document.createElement("li");
      item.className = "list-group-item d-flex flex-wrap justify-content-between align-items-center gap-2";
      const who = document.createElement("span");
      who.textContent = `${registrant.name} `;
      const reference = document.createElement("bdi");
      reference.className = "text-body-secondary small";
      reference.textContent = registrant.reference;
      who.append(reference);
      item.append(who);
      const done = session ? checkedIn(session, registrant) : checkedInAtMeeting(meeting, registrant);
      if (done) {
        const badge = document.createElement("span");
        badge.className = "badge text-bg-success";
        badge.textContent = T.checked_in;
        item.append(badge);
      } else {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "btn btn-sm btn-primary";
        button.textContent = T.check_in;
        const hidden = document.createElement("span");
        hidden.className = "visually-hidden";
        hidden.textContent = ` — ${registrant.name}`;
        button.append(hidden);
        button.addEventListener("click", () =>
          session ? checkIn(session, registrant) : checkInAtMeeting(meeting, registrant)
        );
        item.append(button);
      }
      list.append(item);
    }
  }

  function drawRecords() {
    const body = $("host-records");
    body.replaceChildren();
    for (const record of [...records].reverse()) {
      const row = document.createElement("tr");
      row.dataset.state = record.state;
      const kind = document.createElement("td");
      kind.textContent = { walk_in: T.walk_in_kind, meeting_check_in: T.meeting_check_in_kind }[record.type] || T.check_in_kind;
      const who = document.createElement("td");
      who.textContent = record.who;
      const state = document.createElement("td");
      state.textContent = T[record.state] + (record.message ? ` — ${record.message}` : "");
      row.append(kind, who, state);
      body.append(row);
    }
  }

  function drawAll() {
    drawStatus();
    drawDay();
    drawRecords();
  }

  // --- Recording --------------------------------------------------------------------------------

  function keep(record) {
    records.push({ id: crypto.randomUUID(), at: new Date().toISOString(), state: "waiting", message: "", ...record });
    save("records", records);
    drawAll();
    send();
  }

  function checkIn(session, registrant) {
    if (checkedIn(session, registrant)) return;
    keep({ type: "check_in", registration: registrant.id, session: session.id, who: registrant.name });
    $("host-find-result").textContent = `${T.checked_in}: ${registrant.name}`;
  }

  function checkInAtMeeting(meeting, person) {
    if (checkedInAtMeeting(meeting, person)) return;
    keep({ type: "meeting_check_in", meeting: meeting.id, coordinator: person.id, who: person.name });
    $("host-find-result").textContent = `${T.checked_in}: ${person.name}`;
  }

  const AUDIENCE = { men: ["male"], women: ["female"] };

  function walkIn(event) {
    event.preventDefault();
    const form = event.target;
    const session = currentSession();
    if (!form.reportValidity() || !session) return;
    const data = Object.fromEntries(new FormData(form));
    const result = $("host-walk-in-result");
    if (walkInLeft(session) <= 0) {
      result.textContent = T.no_walk_in_left;
      return;
    }
    const sexes = AUDIENCE[session.audience];
    if ((sexes && !sexes.includes(data.sex)) || (session.age_groups.length && !session.age_groups.includes(data.age_group))) {
      result.textContent = T.audience;
      return;
    }
    keep({
      type: "walk_in", session: session.id, who: data.name, name: data.name, mobile: data.mobile, sex: data.sex,
      age_group: data.age_group, nationality: data.nationality, consent: true, language: document.documentElement.lang,
    });
    form.reset();
    result.textContent = `${T.checked_in}: ${data.name}`;
  }

  // --- The connection ---------------------------------------------------------------------------

  async function fresh(url, options = {}) {
    const response = await fetch(url, { credentials: "same-origin", ...options });
    if (response.redirected && new URL(response.url).pathname.startsWith(URLS.login)) {
      throw new Error(T.sign_in_again);
    }
    return response;
  }

  async function download() {
    try {
      const response = await fresh(`${URLS.day}?device=${encodeURIComponent(device)}`);
      if (!response.ok) throw new Error(T.failed);
      day = await response.json();
      csrf = day.csrf;
      delete day.csrf;
      save("day", day);
    } catch (error) {
      $("host-day").textContent = error.message === T.sign_in_again ? T.sign_in_again : T.failed;
      return;
    }
    drawAll();
  }

  async function send() {
    const batch = waiting();
    if (sending || !batch.length || !navigator.onLine) {
      drawStatus();
      return;
    }
    sending = true;
    try {
      csrf = (await (await fresh(URLS.token)).json()).csrf;
      const response = await fresh(URLS.sync, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify({ device, records: batch }),
      });
      if (!response.ok) throw new Error(T.failed);
      const answers = new Map((await response.json()).results.map((answer) => [answer.id, answer]));
      for (const record of records) {
        const answer = answers.get(record.id);
        if (answer) Object.assign(record, { state: answer.state, message: answer.message });
      }
      save("records", records);
    } catch (error) {
      $("host-status").textContent = error.message || T.failed;
      sending = false;
      return;
    }
    sending = false;
    drawAll();
  }

  async function setAside(event) {
    event.preventDefault();
    const session = currentSession();
    const result = $("host-places-result");
    try {
      const response = await fresh(URLS.walk_in_places.replace("/0/", `/${session.id}/`), {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
        body: JSON.stringify({ device, places: Number($("host-places").value) }),
      });
      const answer = await response.json();
      if (!response.ok) {
        result.textContent = answer.error;
        return;
      }
      session.walk_in = { places: answer.places, used: answer.used };
      save("day", day);
      result.textContent = "";
      drawSession();
    } catch (error) {
      result.textContent = error.message || T.failed;
    }
  }

  // --- A code shown at the door -----------------------------------------------------------------

  function found(query) {
    const session = currentSession();
    const match = session && session.registrants.find((registrant) => registrant.code === query.trim());
    if (match) checkIn(session, match);
    drawRegistrants();
  }

  async function scan() {
    const video = $("host-camera");
    try {
      const detector = new BarcodeDetector({ formats: ["qr_code"] });
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
      video.srcObject = stream;
      video.hidden = false;
      await video.play();
      const stop = () => {
        stream.getTracks().forEach((track) => track.stop());
        video.hidden = true;
      };
      const look = async () => {
        const [code] = await detector.detect(video);
        if (code) {
          stop();
          $("host-find").value = code.rawValue;
          found(code.rawValue);
        } else if (!video.hidden) {
          requestAnimationFrame(look);
        }
      };
      look();
    } catch {
      $("host-find-result").textContent = T.scan_failed;
    }
  }

  // --- Start ------------------------------------------------------------------------------------

  $("host-download").addEventListener("click", download);
  $("host-send").addEventListener("click", send);
  $("host-session").addEventListener("change", drawSession);
  $("host-find").addEventListener("input", drawRegistrants);
  $("host-find").addEventListener("keydown", (event) => {
    if (event.key === "Enter") found(event.target.value);
  });
  $("host-walk-in").addEventListener("submit", walkIn);
  $("host-walk-in-places").addEventListener("submit", setAside);
  if ("BarcodeDetector" in window && navigator.mediaDevices) {
    $("host-scan").hidden = false;
    $("host-scan").addEventListener("click", scan);
  }
  window.addEventListener("online", send);
  window.addEventListener("offline", drawStatus);
  setInterval(send, 30000);
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(URLS.worker).catch(() => {});
  }
  drawAll();
  send();
})();
