"""What the classroom store refuses, each with a message a student or teacher can read as is.

Every refusal is a ClassroomError (a ValueError), so a page catches one type and shows
str(error); the subclasses let a caller tell the cases apart (a phone whose class has ended
goes back to the join box, a wrong secret hides the teacher's buttons)."""
from __future__ import annotations


class ClassroomError(ValueError):
    """A request the store refuses; str(error) is the message to show."""


class UnknownClass(ClassroomError):
    """No live class has this code: never started, ended by its teacher, or expired."""


class WrongSecret(ClassroomError):
    """Only the browser that started a class may move or end it."""


class BadInput(ClassroomError):
    """A code, id, choice or state that is malformed (wrong type, too long, odd characters)."""


class StoreFull(ClassroomError):
    """A cap that keeps the data folder bounded has been reached."""


class UnknownLink(ClassroomError):
    """A short link's id that is well formed but not (or no longer) stored."""


class StoreBusy(ClassroomError):
    """The file stayed locked by other writers for longer than the busy timeout."""
