"""Mail out: the outbox (exactly-once delivery over SMTP), replies to cities, reminders before
deadlines, and alerts to ops. Reads the warehouse; writes only the outbox.
"""
