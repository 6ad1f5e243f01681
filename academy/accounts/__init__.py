"""Who someone is: accounts and roles (users), logging in with throttling and expiring tokens
(login), and a user's own data to download or delete (personal_data).
"""
