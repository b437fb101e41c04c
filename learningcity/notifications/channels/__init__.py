"""The ways a message leaves the platform — e-mail, SMS, WhatsApp — behind one interface
(base.Channel): each back-end sends one message and says what became of it. Which back-end
serves each channel is a setting (EMAIL_BACKEND, SMS_BACKEND, WHATSAPP_BACKEND); keys come from
the environment."""
