"""What the DAG tasks and the command line call: each job opens what it needs from `Settings`
and runs the stages in order (jobs.processor is the intake: collect, then process every
pending message to exactly one outcome). The demo mailbox and `inspect` live here too.
"""
