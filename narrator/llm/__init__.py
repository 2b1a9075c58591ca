"""The model layer: settings, one client factory, prompts as files, record/replay.

Nothing here is imported until a model is used, so ``narrator --help`` and
rules-only checks never load openai or instructor.
"""
