"""A project's stages: registered (立项/报备) → running (实施) → closed (结项)."""

from .models import Project

PROJECT_TRANSITIONS = {
    Project.Stage.REGISTERED: (Project.Stage.RUNNING,),
    Project.Stage.RUNNING: (Project.Stage.CLOSED,),
    Project.Stage.CLOSED: (),
}
