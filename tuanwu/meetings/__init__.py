"""Organizational life (组织生活): meetings, lessons, theme days, courses, compliance and branch ratings."""
