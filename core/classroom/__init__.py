"""The server-side state of a live class and of short links, in one SQLite file of the data folder.

    from core.classroom import Classroom, ShortLinks, store_path
    room = Classroom(store_path(data_dir))          # classes, their stops and answers (store.py)
    links = ShortLinks(store_path(data_dir))        # ?s=<id> short links (links.py)

Pure Python and the standard library's sqlite3; no Streamlit. Every call opens its own
connection, so one Classroom may serve every script thread, and the replicas behind nginx on
one host share classes through the file (db.py says why WAL, busy_timeout and FULL sync).
Refusals are ClassroomError with a message to show as is (errors.py).
"""
from core.classroom.db import FILE_NAME, store_path
from core.classroom.errors import BadInput, ClassroomError, StoreBusy, StoreFull, UnknownClass, UnknownLink, WrongSecret
from core.classroom.links import ShortLinks, join_link, state_link
from core.classroom.store import Class, Classroom, new_teacher_token, normalise_code

__all__ = ["FILE_NAME", "store_path", "BadInput", "ClassroomError", "StoreBusy", "StoreFull", "UnknownClass", "UnknownLink",
           "WrongSecret", "ShortLinks", "join_link", "state_link", "Class", "Classroom", "new_teacher_token",
           "normalise_code"]
