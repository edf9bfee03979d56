"""Lesson: the stops of app/lesson_stops.py, one screen each, stepped through by a teacher
(buttons or the arrow keys) and followed by the class's phones (app/class_session.py)."""
import streamlit as st

from app import class_session, lesson_views, page, sharing
from app.lesson_stops import STOPS
from core.classroom import ClassroomError
from core.files import REPOSITORY_ROOT
from core.safe_text import as_text

page.page_setup("Lesson")
# One stop is one screen: less space above and between blocks than the other pages.
st.html("<style>[data-testid='stMainBlockContainer'] { padding-top: 1.2rem; padding-bottom: 0.5rem; }"
        "[data-testid='stMainBlockContainer'] h1 { font-size: 1.6rem; padding: 0.2rem 0; }"
        "[data-testid='stVerticalBlock'] { gap: 0.5rem; }"
        ".dhyan-code { font-size: 4.5rem; font-weight: 700; letter-spacing: 0.08em; line-height: 1.1; }</style>")

notice = class_session.join_from_url()
if notice:   # the store's message quotes the typed code: shown as text, never as Markdown
    st.error(as_text(notice))
code = class_session.class_code()
current = None
if code:
    try:
        current = class_session.room().current_stop(code)
    except ClassroomError as error:   # the class ended (its teacher, or the store's expiry)
        st.error(str(error))
        class_session.leave()
        code = None
teacher = bool(code) and class_session.is_teacher()
role = "teacher" if teacher else "phone" if code else "solo"

st.session_state.setdefault("lesson_stop", 0)
st.session_state.setdefault("lesson_revealed", False)
if current is not None:
    index, revealed = min(current.stop_index, len(STOPS) - 1), current.revealed
else:
    index, revealed = min(st.session_state.lesson_stop, len(STOPS) - 1), st.session_state.lesson_revealed
stop = STOPS[index]


def go_to(new_index: int, reveal: bool = False) -> None:
    """Move this browser (solo) or the whole class (teacher) to new_index."""
    new_index = max(0, min(len(STOPS) - 1, new_index))
    st.session_state["lesson_show_join"] = False   # moving on: the stop, not the join code, on the projector
    if teacher:
        try:
            class_session.room().move_to(code, class_session.teacher_token(), new_index, reveal)
        except ClassroomError as error:
            st.session_state["lesson_error"] = str(error)
    st.session_state.lesson_stop, st.session_state.lesson_revealed = new_index, reveal


def record_answer(stop_id: str) -> None:
    choice = st.session_state.get(f"lesson_answer_{stop_id}")
    if code and choice:
        try:
            class_session.room().answer(code, stop_id, class_session.participant_id(), choice)
        except ClassroomError as error:
            st.session_state["lesson_error"] = str(error)


def start_class() -> None:
    try:
        started = class_session.start()
        st.session_state["lesson_show_join"] = True
        class_session.room().move_to(started, class_session.teacher_token(), st.session_state.lesson_stop)
    except ClassroomError as error:
        st.session_state["lesson_error"] = str(error)


def end_class() -> None:
    try:
        class_session.room().end_class(code, class_session.teacher_token())
    except ClassroomError as error:
        st.session_state["lesson_error"] = str(error)
    class_session.leave()


if "lesson_error" in st.session_state:
    st.error(st.session_state.pop("lesson_error"))

counts = None
if stop.kind == "predict" and code:
    try:
        counts = class_session.room().answer_counts(code, stop.id)
    except ClassroomError:
        counts = {}
elif stop.kind == "predict":
    mine = st.session_state.get(f"lesson_answer_{stop.id}")
    counts = {mine: 1} if mine else {}
view = lesson_views.StopView(projector=page.projector(), revealed=revealed, counts=counts)

words, visual = st.columns([2, 3], gap="medium")
with words:
    if role != "phone":
        back, forward, where = st.columns([1.3, 1, 0.9], vertical_alignment="center")
        back.button("Previous", key="lesson_previous", shortcut="left",
                    disabled=index == 0, on_click=go_to, args=(index - 1,), width="stretch")
        forward.button("Next", key="lesson_next", shortcut="right", type="primary",
                       disabled=index == len(STOPS) - 1, on_click=go_to, args=(index + 1,), width="stretch")
        where.caption(f"Stop {index + 1} of {len(STOPS)}" + (f" · class **{code}**" if code else ""))
    else:
        st.caption(f"Class **{code}** · stop {index + 1} of {len(STOPS)} · your screen follows the teacher")
    st.title(stop.title, anchor=False)
    st.markdown(stop.text)
    if stop.kind == "predict" and stop.choices is not None:
        choices = stop.choices()
        answer_key = f"lesson_answer_{stop.id}"
        if role == "phone" and answer_key not in st.session_state:
            st.session_state[answer_key] = class_session.room().my_answer(code, stop.id, class_session.participant_id())
        if role == "teacher":
            @st.fragment(run_every=1.0)
            def answered_so_far() -> None:
                try:
                    st.markdown(f"**{class_session.room().number_answered(code, stop.id)}** answered so far")
                except ClassroomError:
                    pass
            answered_so_far()
        elif not revealed:
            st.pills("Your answer", choices, key=answer_key, on_change=record_answer, args=(stop.id,))
        if role != "phone" and not revealed:
            st.button("Reveal", icon=":material/visibility:", key="lesson_reveal", type="primary",
                      on_click=go_to, args=(index, True))
    link_column, note_column = st.columns([1, 1])
    link_column.page_link(str(REPOSITORY_ROOT / stop.explore_page), label="Explore this", icon=":material/open_in_new:",
                          query_params=stop.explore_params or None)
    if role != "phone":
        with note_column.popover("Teacher's note", icon=":material/school:"):
            st.markdown(stop.note)
    if role == "solo":
        start_column, join_column = st.columns([1, 1])
        start_column.button("Start a class", icon=":material/groups:", key="lesson_start", on_click=start_class)
        with join_column.popover("Join a class", icon=":material/login:"):
            typed = st.text_input("Class code", max_chars=12, key="lesson_join_code", placeholder="K7HM")
            if st.button("Join", key="lesson_join") and typed:
                problem = class_session.join(typed)
                st.error(as_text(problem)) if problem else st.rerun()
    elif role == "teacher":
        show_column, end_column = st.columns([1, 1])
        show_column.toggle("Join code", key="lesson_show_join")
        end_column.button("End class", key="lesson_end", on_click=end_class)
    else:
        st.button("Leave the class", key="lesson_leave", on_click=class_session.leave)

with visual:
    if role == "teacher" and st.session_state.get("lesson_show_join"):
        link = class_session.link(code)
        import base64
        qr = base64.b64encode(sharing.qr_png(link)).decode("ascii")
        code_column, qr_column = st.columns([1, 1], vertical_alignment="center")
        code_column.html(f"<div>Join at</div><div class='dhyan-code'>{code}</div>")
        code_column.code(link, language=None, wrap_lines=True)
        qr_column.html(f'<img src="data:image/png;base64,{qr}" style="width:100%;max-width:340px;'
                       'image-rendering:pixelated" alt="QR code of the join link">')
    else:
        stop.render(view)

if role == "phone":
    version = current.version

    @st.fragment(run_every=1.0)
    def follow_the_teacher() -> None:
        """Rerun the whole page as soon as the teacher moves (or the class ends)."""
        try:
            changed = class_session.room().poll(code, version)
        except ClassroomError:
            changed = True
        if changed is not None:
            st.rerun(scope="app")
    follow_the_teacher()
